/* Results, the invoker's identity (captured before anything can change it), privilege state,
 * and the audit log. */
#include "hv_internal.h"
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

int hv_fail(hv_result *res, int vid, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(res->msg, sizeof res->msg, fmt, ap);
  va_end(ap);
  res->vid = vid;
  res->code = HV_CATALOGUE[vid].exit_code;
  return -1;
}

int hv_internal(hv_result *res, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(res->msg, sizeof res->msg, fmt, ap);
  va_end(ap);
  res->vid = -1;
  res->code = HV_EXIT_INTERNAL;
  return -1;
}

/* ---- identity ------------------------------------------------------------------------ */
static hv_ids ids;

void hacolint_capture_ids(void) {
  if (ids.captured) return;
  if (getresuid(&ids.ruid, &ids.euid, &ids.suid) != 0 || getresgid(&ids.rgid, &ids.egid, &ids.sgid) != 0) {
    /* cannot happen on Linux; fail closed rather than run with unknown ids */
    fputs("hacolint: internal: cannot read process ids\n", stderr);
    _exit(HV_EXIT_INTERNAL);
  }
  int n = getgroups(HV_MAX_GROUPS, ids.groups);
  if (n < 0) {
    fputs("hacolint: internal: too many supplementary groups\n", stderr);
    _exit(HV_EXIT_INTERNAL);
  }
  ids.ngroups = n;
  ids.captured = 1;
}

/* Runs before main() (and so before haconiwa's setuid(geteuid())) in any binary linking the gem. */
__attribute__((constructor)) static void hv_capture_at_start(void) { hacolint_capture_ids(); }

const hv_ids *hv_invoker(void) {
  hacolint_capture_ids();
  return &ids;
}

int hv_has_cap(int cap) {
  struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[2];
  memset(data, 0, sizeof data);
  if (syscall(SYS_capget, &hdr, data) != 0) return 0;
  return (data[cap / 32].effective >> (cap % 32)) & 1;
}

/* Privileged = set-id/fscaps exec (AT_SECURE), ids differ, or running as root. */
static int hv_privileged(void) {
  const hv_ids *i = hv_invoker();
  return getauxval(AT_SECURE) != 0 || i->ruid != i->euid || i->rgid != i->egid || i->euid == 0;
}

int hv_enforced(void) {
  return HACOLINT_ENFORCE_SETUID_ONLY == 0 || hv_privileged();
}

int hv_list_contains(const char *list, const char *item, size_t len) {
  const char *p = list;
  while (*p) {
    const char *e = strchr(p, ':');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n == len && memcmp(p, item, len) == 0) return 1;
    if (!e) break;
    p = e + 1;
  }
  return 0;
}

/* ---- audit log --------------------------------------------------------------------- */
static int log_fd = -1;
static int syslog_open;

void hv_escape(const char *s, size_t len, char *out, size_t outsz) {
  size_t o = 0;
  for (size_t i = 0; i < len && o + 5 < outsz; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\\') { out[o++] = '\\'; out[o++] = '\\'; }
    else if (c < 0x20 || c == 0x7f) o += (size_t)snprintf(out + o, outsz - o, "\\x%02x", c);
    else out[o++] = (char)c;
  }
  out[o] = '\0';
}

int hv_log_prepare(void) {
  if (!syslog_open) {
    openlog("haconiwa", LOG_PID | LOG_NDELAY, LOG_AUTHPRIV);
    syslog_open = 1;
  }
#ifdef HACOLINT_LOG_FILE
  if (log_fd < 0) {
    mode_t old = umask(077);
    log_fd = open(HACOLINT_LOG_FILE, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0600);
    umask(old);
    if (log_fd < 0) {
      fprintf(stderr, "hacolint: cannot open the audit log %s: %s\n", HACOLINT_LOG_FILE, strerror(errno));
      return -1;
    }
    struct stat st;
    if (fstat(log_fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077) != 0) {
      fprintf(stderr, "hacolint: refusing the audit log %s: not a regular file of mode 0600\n", HACOLINT_LOG_FILE);
      close(log_fd);
      log_fd = -1;
      return -1;
    }
  }
#endif
  return 0;
}

int hv_audit(int refused, const char *fmt, ...) {
  char raw[2048], esc[4096], line[4200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(raw, sizeof raw, fmt, ap);
  va_end(ap);
  hv_escape(raw, strlen(raw), esc, sizeof esc);
  const hv_ids *i = hv_invoker();
  int rc = hv_log_prepare();
  /* fixed format string: the message never becomes a format */
  syslog(refused ? LOG_ERR : LOG_INFO, "%s ruid=%lu rgid=%lu: %s", refused ? "refused" : "allowed",
         (unsigned long)i->ruid, (unsigned long)i->rgid, esc);
  if (log_fd >= 0) {
    time_t now = time(NULL);
    struct tm tm;
    char ts[32] = "?";
    if (localtime_r(&now, &tm)) strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S", &tm);
    int n = snprintf(line, sizeof line, "[%s] haconiwa[%ld]: %s ruid=%lu rgid=%lu: %s\n", ts, (long)getpid(),
                     refused ? "refused" : "allowed", (unsigned long)i->ruid, (unsigned long)i->rgid, esc);
    if (n < 0 || (size_t)n >= sizeof line) n = (int)sizeof line - 1, line[n - 1] = '\n';
    if (write(log_fd, line, (size_t)n) != n) rc = -1;
  }
  return rc;
}

int hv_report(const hv_result *res) {
  const char *id = res->vid >= 0 ? HV_CATALOGUE[res->vid].id : "internal";
  char esc[4096];
  hv_escape(res->msg, strlen(res->msg), esc, sizeof esc);
  fprintf(stderr, "hacolint: %s: %s (exit %d)\n", id, esc, res->code);
  hv_audit(1, "%s: %s (exit %d)", id, res->msg, res->code);
  return res->code;
}

/* A baked string, printed with control characters escaped (policy values may be hostile). */
static void print_str(FILE *f, const char *name, const char *value) {
  char esc[8192];
  hv_escape(value, strlen(value), esc, sizeof esc);
  fprintf(f, " -D %s=\"%s\"\n", name, esc);
}

void hacolint_print_policy(void *file) {
  FILE *f = file ? (FILE *)file : stderr;
  for (int v = 0; v < HV_COUNT; v++) {
    if (HV_CATALOGUE[v].define == NULL) continue;
    int on = HV_COMPILED_IN[v];
    if (on) fprintf(f, " -D %s (%s)\n", HV_CATALOGUE[v].define, HV_CATALOGUE[v].id);
  }
  fprintf(f, " -D HACOLINT_UID_MIN=%lu\n", (unsigned long)HACOLINT_UID_MIN);
  fprintf(f, " -D HACOLINT_GID_MIN=%lu\n", (unsigned long)HACOLINT_GID_MIN);
#ifdef HACOLINT_ROOTFS_POOL
  print_str(f, "HACOLINT_ROOTFS_POOL", HACOLINT_ROOTFS_POOL);
#endif
#ifdef HACOLINT_ALLOWED_ENV
  print_str(f, "HACOLINT_ALLOWED_ENV", HACOLINT_ALLOWED_ENV);
#endif
  print_str(f, "HACOLINT_ALLOWED_RUNNERS", HACOLINT_ALLOWED_RUNNERS);
#ifdef HACOLINT_HACOFILE_PATTERNS
  print_str(f, "HACOLINT_HACOFILE_PATTERNS", HACOLINT_HACOFILE_PATTERNS);
#endif
  fprintf(f, " -D HACOLINT_ENFORCE_SETUID_ONLY=%d\n", HACOLINT_ENFORCE_SETUID_ONLY);
  fprintf(f, " -D HACOLINT_ALLOW_MAPPED_ROOT=%d\n", HACOLINT_ALLOW_MAPPED_ROOT);
#ifdef HACOLINT_LOG_FILE
  print_str(f, "HACOLINT_LOG_FILE", HACOLINT_LOG_FILE);
#endif
  print_str(f, "HACOLINT_POLICY_DIGEST", HACOLINT_POLICY_DIGEST);
}
