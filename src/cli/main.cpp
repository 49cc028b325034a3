#include "cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
  return midway::cli::run(std::vector<std::string>(argv, argv + argc), std::cout, std::cerr);
}
