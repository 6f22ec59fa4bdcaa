#include "cli/commands.h"

int main(int argc, char** argv) {
  return civic::cli::run(argc, argv);
}
