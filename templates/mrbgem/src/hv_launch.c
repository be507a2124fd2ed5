/* The launcher entry point: runs before the Hacofile is read or evaluated.
 * It finds the Hacofile argument the way haconiwa's CLI does, opens it ONCE, checks the open
 * file (owner, mode, real path), checks the invoking user, and returns the bytes read from
 * that same open file: the caller evaluates these bytes and never opens the name again. */
#include "hv_internal.h"
#include "hacolint_validate.h"
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <pwd.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Subcommands of haconiwa that take a Hacofile, and which of their options take a value
 * (haconiwa's argtable definitions, hacofile-dsl.md §10). `file_optional`: reload [FILE]. */
typedef struct { const char *name; const char *value_opts; int file_optional; } subcommand;
static const subcommand SUBCOMMANDS[] = {
  { "run", "", 0 }, { "start", "", 0 }, { "create", "", 0 }, { "restore", "", 0 },
  { "provision", "r", 0 }, { "archive", "dtO", 0 }, { "attach", "tnADug", 0 },
  { "checkpoint", "t", 0 }, { "reload", "tn", 1 }, { "kill", "tsT", 0 },
};
/* Long options that take a value, per subcommand's short letter (argtable long names). */
static const char *const LONG_VALUE_OPTS[] = {
  "--target", "--name", "--root", "--dest", "--type", "--tar-options", "--allow", "--drop",
  "--uid", "--gid", "--signal", "--timeout", "--run-only", NULL,
};

static int long_takes_value(const char *arg) {
  for (int i = 0; LONG_VALUE_OPTS[i]; i++) if (strcmp(arg, LONG_VALUE_OPTS[i]) == 0) return 1;
  return 0;
}

/* Index of the Hacofile argument, -1 when the subcommand reads none, -2 when ambiguous/missing. */
static int find_hacofile_arg(int argc, char **argv, int *dashdash) {
  *dashdash = -1;
  if (argc < 2) return -1;
  const subcommand *sc = NULL;
  for (size_t i = 0; i < sizeof SUBCOMMANDS / sizeof SUBCOMMANDS[0]; i++) {
    if (strcmp(argv[1], SUBCOMMANDS[i].name) == 0) sc = &SUBCOMMANDS[i];
  }
  if (!sc) return -1;
  int file = -1;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) { *dashdash = i; break; }
    if (a[0] == '-' && a[1] == '-') {
      if (!strchr(a, '=') && long_takes_value(a)) i++;
      continue;
    }
    if (a[0] == '-' && a[1] != '\0') {
      /* -x, -xVALUE, or a cluster of flags; a value letter consumes the rest or the next arg */
      for (const char *p = a + 1; *p; p++) {
        if (strchr(sc->value_opts, *p)) { if (p[1] == '\0') i++; break; }
      }
      continue;
    }
    if (file >= 0) return -2; /* two candidates: refuse rather than guess */
    file = i;
  }
  if (file < 0) return sc->file_optional ? -1 : -2;
  return file;
}

/* runner-valid and runner-allowed, on the real ids captured at process start */
static int check_runner(hv_result *res) {
  const hv_ids *me = hv_invoker();
  char buf[16384];
  struct passwd pwd, *pw = NULL;
  struct group grp, *gr = NULL;
  if (getpwuid_r(me->ruid, &pwd, buf, sizeof buf, &pw) != 0 || !pw) {
    return hv_fail(res, HV_RUNNER_VALID, "invoking uid %lu has no passwd entry", (unsigned long)me->ruid);
  }
  char name[256];
  snprintf(name, sizeof name, "%s", pw->pw_name);
  if (getgrgid_r(me->rgid, &grp, buf, sizeof buf, &gr) != 0 || !gr) {
    return hv_fail(res, HV_RUNNER_VALID, "invoking gid %lu has no group entry", (unsigned long)me->rgid);
  }
#if HV_ON_RUNNER_ALLOWED
  if (hv_enforced()) {
    /* compare numerically: names in the list are resolved now, numbers taken as uids */
    const char *list = HACOLINT_ALLOWED_RUNNERS;
    int allowed = 0;
    if (*list == '\0') allowed = me->ruid == 0;
    for (const char *p = list; *p && !allowed;) {
      const char *e = strchr(p, ':');
      size_t n = e ? (size_t)(e - p) : strlen(p);
      char item[256];
      if (n < sizeof item) {
        memcpy(item, p, n);
        item[n] = '\0';
        unsigned long id;
        if (hv_parse_id(item, n, &id) == 0) allowed = id == me->ruid;
        else if (getpwnam_r(item, &pwd, buf, sizeof buf, &pw) == 0 && pw) allowed = pw->pw_uid == me->ruid;
      }
      p = e ? e + 1 : p + n;
    }
    if (!allowed) return hv_fail(res, HV_RUNNER_ALLOWED, "user %s (uid %lu) may not start containers", name, (unsigned long)me->ruid);
  }
#endif
  return 0;
}

/* The open Hacofile: regular, owned like the runtime binary, writable only by its owner,
 * real path matching a pattern. fd is the file that will be read. */
static int check_hacofile(int fd, const char *arg, char *canon, size_t canonsz, hv_result *res) {
  struct stat st;
  if (fstat(fd, &st) != 0) return hv_internal(res, "cannot stat the Hacofile: %s", strerror(errno));
  if (!S_ISREG(st.st_mode)) {
    return hv_fail(res, HV_ON_HACOFILE_OWNER ? HV_HACOFILE_OWNER : HV_HACOFILE_PATH, "Hacofile %s is not a regular file", arg);
  }
  int rc = hv_fd_path(fd, canon, canonsz);
  if (rc < 0 || canon[0] != '/' || st.st_nlink == 0) return hv_internal(res, "cannot determine the real path of the Hacofile %s", arg);
#if HV_ON_HACOFILE_OWNER
  if (hv_enforced()) {
    struct stat ex;
    int efd = open("/proc/self/exe", O_PATH | O_CLOEXEC);
    if (efd < 0 || fstat(efd, &ex) != 0) { if (efd >= 0) close(efd); return hv_internal(res, "cannot stat the runtime binary (/proc/self/exe)"); }
    close(efd);
    if (st.st_uid != ex.st_uid || st.st_gid != ex.st_gid) {
      return hv_fail(res, HV_HACOFILE_OWNER, "Hacofile %s is owned by %lu:%lu, the runtime binary by %lu:%lu", canon,
                     (unsigned long)st.st_uid, (unsigned long)st.st_gid, (unsigned long)ex.st_uid, (unsigned long)ex.st_gid);
    }
    if (st.st_mode & (S_IWGRP | S_IWOTH)) {
      return hv_fail(res, HV_HACOFILE_OWNER, "Hacofile %s is writable by group or others (mode %04o)", canon, (unsigned)(st.st_mode & 07777));
    }
  }
#endif
#if HV_ON_HACOFILE_PATH
  if (hv_enforced()) {
    int matched = 0;
    const char *p = HACOLINT_HACOFILE_PATTERNS;
    while (*p && !matched) {
      const char *e = strchr(p, ':');
      size_t n = e ? (size_t)(e - p) : strlen(p);
      char pat[PATH_MAX];
      if (n < sizeof pat) {
        memcpy(pat, p, n);
        pat[n] = '\0';
        /* FNM_PATHNAME: '*' never crosses '/'; FNM_PERIOD: never matches a leading '.' ('..') */
        matched = fnmatch(pat, canon, FNM_PATHNAME | FNM_PERIOD) == 0;
      }
      p = e ? e + 1 : p + n;
    }
    if (!matched) return hv_fail(res, HV_HACOFILE_PATH, "Hacofile %s (given as %s) matches no allowed pattern", canon, arg);
  }
#endif
  return 0;
}

int hacolint_validate_launch(int argc, char **argv, hacolint_hacofile *hf) {
  hv_result res;
  memset(&res, 0, sizeof res);
  memset(hf, 0, sizeof *hf);
  hf->file_arg = -1;
  hacolint_capture_ids();
  if (hv_log_prepare() != 0) { hv_internal(&res, "the audit log cannot be written"); return hv_report(&res); }
  if (check_runner(&res) != 0) return hv_report(&res);

  int dashdash;
  int idx = find_hacofile_arg(argc, argv, &dashdash);
  hf->dashdash = dashdash;
  if (idx == -1) return 0;
  if (idx == -2) { hv_internal(&res, "cannot tell which argument is the Hacofile"); return hv_report(&res); }
  hf->file_arg = idx;

  /* O_NOFOLLOW: a symlink as the last component is refused (ELOOP); O_NONBLOCK: a FIFO
   * does not hang us; the checks below run on this fd and the bytes come from it. */
  int fd = open(argv[idx], O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    int vid = errno == ELOOP ? (HV_ON_HACOFILE_PATH ? HV_HACOFILE_PATH : HV_HACOFILE_OWNER) : -1;
    if (vid >= 0 && (HV_ON_HACOFILE_PATH || HV_ON_HACOFILE_OWNER)) hv_fail(&res, vid, "Hacofile %s is a symbolic link", argv[idx]);
    else hv_internal(&res, "cannot open the Hacofile %s: %s", argv[idx], strerror(errno));
    return hv_report(&res);
  }
  char canon[PATH_MAX];
  if (check_hacofile(fd, argv[idx], canon, sizeof canon, &res) != 0) { close(fd); return hv_report(&res); }
  int rc = hv_read_all(fd, HV_MAX_HACOFILE, &hf->bytes, &hf->len);
  close(fd);
  if (rc < 0) { hv_internal(&res, "cannot read the Hacofile %s: %s", canon, strerror(-rc)); return hv_report(&res); }
  hf->path = strdup(canon);
  if (!hf->path) { hacolint_hacofile_free(hf); hv_internal(&res, "out of memory"); return hv_report(&res); }
  if (hv_audit(0, "hacofile=%s subcommand=%s", canon, argv[1]) != 0) {
    hacolint_hacofile_free(hf);
    hv_internal(&res, "the audit log cannot be written");
    return hv_report(&res);
  }
  return 0;
}

void hacolint_hacofile_free(hacolint_hacofile *hf) {
  free(hf->bytes);
  free(hf->path);
  hf->bytes = hf->path = NULL;
  hf->len = 0;
}
