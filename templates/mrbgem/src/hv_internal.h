/* Internal declarations of the validation gem. Everything a check needs comes from compile-time
 * defines (the policy) and from the open file descriptors it is given: never from a name that
 * is opened a second time, never from NSS inside the container's root. */
#ifndef HV_INTERNAL_H
#define HV_INTERNAL_H

#define _GNU_SOURCE 1
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/stat.h>
#include "hv_catalogue.h"

/* ---- the baked policy: a validation that is on must have its parameter ---------------- */
#if HV_ON_INIT_ID_MINIMUM && (!defined(HACOLINT_UID_MIN) || !defined(HACOLINT_GID_MIN))
#error "HACOLINT_INIT_ID_MINIMUM needs HACOLINT_UID_MIN and HACOLINT_GID_MIN"
#endif
#if HV_ON_ROOTFS_IN_POOL && !defined(HACOLINT_ROOTFS_POOL)
#error "HACOLINT_ROOTFS_IN_POOL needs HACOLINT_ROOTFS_POOL"
#endif
#if HV_ON_ENV_ALLOWED && !defined(HACOLINT_ALLOWED_ENV)
#error "HACOLINT_ENV_ALLOWED needs HACOLINT_ALLOWED_ENV"
#endif
#if HV_ON_HACOFILE_PATH && !defined(HACOLINT_HACOFILE_PATTERNS)
#error "HACOLINT_HACOFILE_PATH needs HACOLINT_HACOFILE_PATTERNS"
#endif
#ifndef HACOLINT_ALLOWED_RUNNERS
#define HACOLINT_ALLOWED_RUNNERS "" /* empty list: root only */
#endif
#ifndef HACOLINT_ENFORCE_SETUID_ONLY
#define HACOLINT_ENFORCE_SETUID_ONLY 0
#endif
#ifndef HACOLINT_ALLOW_MAPPED_ROOT
#define HACOLINT_ALLOW_MAPPED_ROOT 0
#endif
#ifndef HACOLINT_POLICY_DIGEST
#define HACOLINT_POLICY_DIGEST "none"
#endif
#ifndef HACOLINT_UID_MIN
#define HACOLINT_UID_MIN 0
#endif
#ifndef HACOLINT_GID_MIN
#define HACOLINT_GID_MIN 0
#endif

#define HV_MAX_GROUPS 64
#define HV_MAX_ARGS 256
#define HV_MAX_ENV 256
#define HV_MAX_MAPS 16
#define HV_MAX_IDFILE (4u << 20)    /* rootfs /etc/passwd, /etc/group */
#define HV_MAX_HACOFILE (1u << 20)
#define HV_MAX_SYMLINKS 40

/* ---- results: one refusal = validation + exit code + message ------------------------- */
typedef struct {
  int code;          /* 0 = allowed */
  int vid;           /* hv_id, or -1 for internal errors */
  char msg[1024];
} hv_result;

/* Sets res to a refusal of validation vid (exit code from the catalogue); returns -1. */
int hv_fail(hv_result *res, int vid, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* An internal error (exit 200): fail closed. Returns -1. */
int hv_internal(hv_result *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- identity of the invoker, captured at process start ------------------------------ */
typedef struct {
  int captured;
  uid_t ruid, euid, suid;
  gid_t rgid, egid, sgid;
  int ngroups;
  gid_t groups[HV_MAX_GROUPS];
} hv_ids;
const hv_ids *hv_invoker(void);
/* 1 when the selectable checks apply: always, or (setuid-only builds) when privileged. */
int hv_enforced(void);
int hv_has_cap(int cap);

/* ---- audit log --------------------------------------------------------------------- */
/* Opens syslog and the log file now (before chroot); 0 or -1. */
int hv_log_prepare(void);
/* One audit line: "refused"/"allowed" + message; control characters escaped. 0 or -1. */
int hv_audit(int refused, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reports a refusal: stderr + one audit line. Returns res->code. */
int hv_report(const hv_result *res);
/* Escapes control characters and backslashes of s into out (always NUL-terminated). */
void hv_escape(const char *s, size_t len, char *out, size_t outsz);

/* ---- paths ------------------------------------------------------------------------- */
enum { HV_IN_ROOT = 1, HV_BENEATH = 2 };
typedef struct {
  /* owners a directory/file on the path may have (host uids); n = 0 means no check */
  int nowners;
  uid_t owners[4];
  int check_modes;     /* refuse group/other-writable components */
  int vid;             /* validation reported for a component failure */
  char bad[512];       /* the component that failed */
} hv_walk_policy;
/* Resolves path below dirfd (RESOLVE_IN_ROOT or RESOLVE_BENEATH semantics) with our own walker,
 * checking every component; cross-checked against openat2 when the kernel has it.
 * Returns an O_PATH|O_CLOEXEC fd or -errno (-EPERM: a component failed the walk policy). */
int hv_resolve(int dirfd, const char *path, int mode, hv_walk_policy *wp, int want_dir);
/* Opens a regular file for reading below rootfd (RESOLVE_IN_ROOT), returns fd or -errno. */
int hv_open_in_root(int rootfd, const char *path);
/* Reads a whole regular file (fd) into a malloc'd NUL-terminated buffer; 0 or -errno. */
int hv_read_all(int fd, size_t max, char **out, size_t *len);
int hv_openat2_available(void);
int hv_fd_path(int fd, char *buf, size_t bufsz);

/* ---- container identity files (no NSS) ------------------------------------------------ */
typedef struct {
  char *data;
  size_t len;
} hv_idfile;
/* Strict parse check of a whole passwd (fields=7) or group (fields=4) file; 0 or -1 + line no. */
int hv_idfile_validate(const hv_idfile *f, int fields, int *bad_line);
/* Looks up an id (column 2) or a name (column 0); returns 1 found, 0 not found. */
int hv_idfile_find_id(const hv_idfile *f, unsigned long id, char *name, size_t namesz);
int hv_idfile_find_name(const hv_idfile *f, const char *name, unsigned long *id);
int hv_parse_id(const char *s, size_t len, unsigned long *out);

/* ---- lists baked in as "a:b:c" ----------------------------------------------------- */
int hv_list_contains(const char *list, const char *item, size_t len);

/* ---- the container start ----------------------------------------------------------- */
typedef struct { unsigned long inside, outside, count; } hv_map;
typedef struct {
  const char *rootfs;
  int argc;
  const char *argv[HV_MAX_ARGS + 1];
  const char *user; const char *group;   /* names (resolved in the rootfs), or NULL */
  long uid, gid;                          /* -1 = not given */
  int ngroups;
  long groups[HV_MAX_GROUPS];
  int nenv;
  const char *env_keys[HV_MAX_ENV];
  const char *env_vals[HV_MAX_ENV];
  int nuid_map, ngid_map;
  hv_map uid_map[HV_MAX_MAPS], gid_map[HV_MAX_MAPS];
} hv_container;

typedef struct {
  int rootfd, initfd;
  uid_t uid; gid_t gid;
  int ngroups; gid_t groups[HV_MAX_GROUPS];
  char *envp[HV_MAX_ENV + 1];
  char rootfs_path[512];
} hv_checked;

void hv_checked_init(hv_checked *c);
void hv_checked_free(hv_checked *c);
/* Runs every compiled-in container check; 0 (c filled) or -1 (res filled, fds closed). */
int hv_check_container(const hv_container *in, hv_checked *c, hv_result *res);
/* Enters the rootfs, switches ids, execs the checked init fd. Returns only on failure. */
int hv_exec_container(hv_checked *c, const hv_container *in, hv_result *res);

#endif
