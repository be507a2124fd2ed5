/* swap-loop A B: atomically exchanges the names A and B (renameat2 RENAME_EXCHANGE) in a tight
 * loop until killed. The race test runs it while starting containers whose init is A. */
#define _GNU_SOURCE 1
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: swap-loop A B\n"); return 2; }
  for (unsigned long n = 0;; n++) {
    if (syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE) != 0) { perror("renameat2"); return 1; }
  }
}
