import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The C API from Java through JNA: handles shared by threads, typed errors, ownership.
 *  Usage: java MidwayJnaTest DATA_DIR (tests/c, holding case_cp.json). */
public class MidwayJnaTest {
  public interface Midway extends Library {
    Midway C = Native.load("midway_c", Midway.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));

    @Structure.FieldOrder({"code", "message", "field", "record_id"})
    class Error extends Structure {
      public int code;
      public byte[] message = new byte[512];
      public byte[] field = new byte[256];
      public byte[] record_id = new byte[128];

      static String text(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) ++n;
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
      }
    }

    String midway_version();
    void midway_free(Pointer p);
    int midway_schedule_json(String caseJson, String asOf, String options, PointerByReference out, Error err);
    int midway_note_json(String caseJson, String id, String form, PointerByReference out, Error err);
    Pointer midway_calendar_new(String options, Error err);
    void midway_calendar_free(Pointer cal);
    Pointer midway_policy_new(String options, Error err);
    void midway_policy_free(Pointer pol);
    int midway_calendar_is_working_day(Pointer cal, String date, Error err);
    int midway_schedule_json_with(Pointer cal, Pointer pol, String caseJson, String asOf, PointerByReference out, Error err);
  }

  static int failures = 0;

  static void check(boolean ok, String what) {
    if (!ok) {
      System.err.println("check failed: " + what);
      ++failures;
    }
  }

  static String take(PointerByReference out) {
    Pointer p = out.getValue();
    try {
      return p.getString(0, "UTF-8");
    } finally {
      Midway.C.midway_free(p);
    }
  }

  public static void main(String[] args) throws Exception {
    String caseJson = Files.readString(Path.of(args[0], "case_cp.json"), StandardCharsets.UTF_8);
    Midway m = Midway.C;
    check(m.midway_version().equals("0.1.0"), "version");

    PointerByReference out = new PointerByReference();
    Midway.Error err = new Midway.Error();
    check(m.midway_schedule_json(caseJson, "2026-05-01", null, out, err) == 0, "schedule");
    String expected = take(out);
    check(expected.contains("\"due\": \"2026-10-20\"") && !expected.contains("Test Child Name"), "schedule output");

    check(m.midway_schedule_json(caseJson, "2026-02-30", null, out, err) == 1, "invalid date status");
    check(err.code == 1 && Midway.Error.text(err.field).equals("as_of") && out.getValue() == null, "invalid date error");
    check(m.midway_note_json(caseJson, "MR-9", null, out, err) == 7, "not found");
    check(m.midway_note_json(caseJson, "MR-1", "contact-form", out, err) == 0, "contact form");
    check(take(out).contains("\"type\": \"IRO contact form\""), "contact form output");

    Pointer cal = m.midway_calendar_new("{\"division\": \"england-and-wales\"}", err);
    Pointer pol = m.midway_policy_new("{\"policy\": \"england\"}", err);
    check(cal != null && pol != null, "handles");
    check(m.midway_calendar_is_working_day(cal, "2026-12-25", err) == 0, "Christmas Day");
    check(m.midway_policy_new("{\"policy\": \"mars\"}", err) == null && err.code == 3, "unknown policy");

    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 40; ++i) {
      results.add(pool.submit(() -> {
        PointerByReference o = new PointerByReference();
        Midway.Error e = new Midway.Error();
        if (Midway.C.midway_schedule_json_with(cal, pol, caseJson, "2026-05-01", o, e) != 0) return "error";
        return take(o);
      }));
    }
    for (Future<String> f : results) check(f.get().equals(expected), "threaded schedule");
    pool.shutdown();
    m.midway_calendar_free(cal);
    m.midway_policy_free(pol);

    if (failures > 0) {
      System.err.println(failures + " checks failed");
      System.exit(1);
    }
    System.out.println("java jna ok");
  }
}
