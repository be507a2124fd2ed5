/* The container-start checks (rootfs, identity, init program, environment) and the exec that
 * uses exactly the file descriptors the checks produced. */
#include "hv_internal.h"
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

/* A selectable/experimental check runs when compiled in and enforced for this process. */
#define HV_RUN(ID) (HV_ON_##ID && hv_enforced())

void hv_checked_init(hv_checked *c) {
  memset(c, 0, sizeof *c);
  c->rootfd = c->initfd = -1;
}

void hv_checked_free(hv_checked *c) {
  if (c->rootfd >= 0) close(c->rootfd);
  if (c->initfd >= 0) close(c->initfd);
  for (int i = 0; c->envp[i]; i++) free(c->envp[i]);
  hv_checked_init(c);
}

/* Container id -> host id through a user-namespace map; -1 when unmapped. */
static long long map_id(const hv_map *m, int n, unsigned long id) {
  if (n == 0) return (long long)id;
  for (int i = 0; i < n; i++) {
    if (id >= m[i].inside && id - m[i].inside < m[i].count) return (long long)(m[i].outside + (id - m[i].inside));
  }
  return -1;
}

static int maps_valid(const hv_map *m, int n) {
  for (int i = 0; i < n; i++) {
    if (m[i].count == 0 || m[i].inside > 4294967294UL || m[i].outside > 4294967294UL
        || m[i].count > 4294967295UL - m[i].inside || m[i].count > 4294967295UL - m[i].outside) return 0;
  }
  return 1;
}

static int is_env_name(const char *s) {
  if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_')) return 0;
  for (s++; *s; s++) {
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return 0;
  }
  return 1;
}

/* Reads and strictly validates rootfs etc/passwd or etc/group. */
static int load_idfile(int rootfd, const char *path, int nfields, hv_idfile *f, hv_result *res) {
  int fd = hv_open_in_root(rootfd, path);
  if (fd < 0) return hv_fail(res, HV_INIT_IDENTITY, "cannot open the rootfs's /%s: %s", path, strerror(-fd));
  int rc = hv_read_all(fd, HV_MAX_IDFILE, &f->data, &f->len);
  close(fd);
  if (rc < 0) return hv_fail(res, HV_INIT_IDENTITY, "cannot read the rootfs's /%s: %s", path, rc == -EINVAL ? "not a regular file" : strerror(-rc));
  int bad = 0;
  if (hv_idfile_validate(f, nfields, &bad) != 0) {
    return hv_fail(res, HV_INIT_IDENTITY, "the rootfs's /%s line %d is malformed (strict format, no NIS '+'/'-' entries)", path, bad);
  }
  return 0;
}

/* Opens the rootfs: inside the pool (RESOLVE_BENEATH from the pool) when rootfs-in-pool is on. */
static int open_rootfs(const hv_container *in, uid_t mapped_root, hv_result *res) {
  hv_walk_policy wp = { 0 };
  wp.owners[wp.nowners++] = 0;
  if (mapped_root != 0) wp.owners[wp.nowners++] = mapped_root;
  wp.check_modes = 1;
  hv_walk_policy *rwp = HV_RUN(ROOTFS_PERMISSIONS) ? &wp : NULL;
  int hostroot = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (hostroot < 0) return hv_internal(res, "cannot open /: %s", strerror(errno));
  int fd;
#if HV_ON_ROOTFS_IN_POOL
  if (hv_enforced()) {
    const char *pool = HACOLINT_ROOTFS_POOL;
    size_t pl = strlen(pool);
    /* component-aware prefix test: "/pool" must be followed by '/' (CVE-2007-1742) */
    if (strncmp(in->rootfs, pool, pl) != 0 || in->rootfs[pl] != '/' || in->rootfs[pl + 1] == '\0') {
      close(hostroot);
      return hv_fail(res, HV_ROOTFS_IN_POOL, "rootfs %s is not inside the pool %s", in->rootfs, pool);
    }
    hv_walk_policy pwp = { 0 };
    pwp.owners[pwp.nowners++] = 0;
    pwp.check_modes = 1;
    int poolfd = hv_resolve(hostroot, pool, HV_IN_ROOT, &pwp, 1);
    close(hostroot);
    if (poolfd == -EPERM) return hv_fail(res, HV_ROOTFS_IN_POOL, "pool %s: component %s is not root-owned or is group/other-writable", pool, pwp.bad);
    if (poolfd < 0) return hv_fail(res, HV_ROOTFS_IN_POOL, "cannot open the pool %s: %s", pool, strerror(-poolfd));
    fd = hv_resolve(poolfd, in->rootfs + pl + 1, HV_BENEATH, rwp, 1);
    if (fd == -EXDEV || fd == -ELOOP) {
      close(poolfd);
      return hv_fail(res, HV_ROOTFS_IN_POOL, "rootfs %s resolves outside the pool %s (symlink escape)", in->rootfs, pool);
    }
    if (fd >= 0) {
      /* independent check without strings: walking '..' up from the rootfs reaches the pool */
      struct stat ps, cs;
      int cur = dup(fd), found = 0;
      fstat(poolfd, &ps);
      for (int i = 0; cur >= 0 && i < 4096; i++) {
        if (fstat(cur, &cs) != 0) break;
        if (cs.st_dev == ps.st_dev && cs.st_ino == ps.st_ino) { found = 1; break; }
        int up = openat(cur, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
        struct stat us;
        if (up < 0 || fstat(up, &us) != 0 || (us.st_dev == cs.st_dev && us.st_ino == cs.st_ino)) { if (up >= 0) close(up); break; }
        close(cur);
        cur = up;
      }
      if (cur >= 0) close(cur);
      if (!found) {
        close(fd);
        close(poolfd);
        return hv_fail(res, HV_ROOTFS_IN_POOL, "rootfs %s is not below the pool %s", in->rootfs, pool);
      }
    }
    close(poolfd);
  } else
#endif
  {
    fd = hv_resolve(hostroot, in->rootfs, HV_IN_ROOT, rwp, 1);
    close(hostroot);
  }
  if (fd == -EPERM) return hv_fail(res, HV_ROOTFS_PERMISSIONS, "rootfs %s: component %s is group/other-writable or has a foreign owner", in->rootfs, wp.bad);
  if (fd < 0) return hv_fail(res, HV_ROOTFS_USABLE, "rootfs %s cannot be opened as a directory: %s", in->rootfs, strerror(-fd));
  return fd;
}

int hv_check_container(const hv_container *in, hv_checked *c, hv_result *res) {
  hv_idfile pw = { NULL, 0 }, gr = { NULL, 0 };
  int rc = -1;
  hv_checked_init(c);
  memset(res, 0, sizeof *res);
  if (hv_log_prepare() != 0) return hv_internal(res, "the audit log cannot be written");
  if (!in->rootfs || in->rootfs[0] != '/') return hv_fail(res, HV_ROOTFS_USABLE, "rootfs must be an absolute path");
  if (in->argc < 1 || !in->argv[0] || in->argv[0][0] != '/') return hv_fail(res, HV_INIT_EXISTS, "the init command must be an absolute path");
  if (!maps_valid(in->uid_map, in->nuid_map) || !maps_valid(in->gid_map, in->ngid_map)) {
    return hv_fail(res, HV_IDENTITY_SWITCHABLE, "invalid uid/gid map (zero count or overflow)");
  }
  long long root_host = in->nuid_map ? map_id(in->uid_map, in->nuid_map, 0) : 0;

  /* 1. rootfs (rootfs-usable, rootfs-in-pool, rootfs-permissions on the host path) */
  c->rootfd = open_rootfs(in, root_host > 0 ? (uid_t)root_host : 0, res);
  if (c->rootfd < 0) { c->rootfd = -1; return -1; }
  snprintf(c->rootfs_path, sizeof c->rootfs_path, "%s", in->rootfs);
  {
    int cwd = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
    int ok = cwd >= 0 && fchdir(c->rootfd) == 0;
    int back = cwd >= 0 && fchdir(cwd) == 0;
    if (cwd >= 0) close(cwd);
    if (!back) { hv_internal(res, "cannot return to the working directory"); goto fail; }
    if (!ok) { hv_fail(res, HV_ROOTFS_USABLE, "rootfs %s cannot be entered: %s", in->rootfs, strerror(errno)); goto fail; }
    if (!hv_has_cap(CAP_SYS_CHROOT)) { hv_fail(res, HV_ROOTFS_USABLE, "no CAP_SYS_CHROOT: cannot chroot into %s", in->rootfs); goto fail; }
  }

  /* 2. identity, resolved in the container's own files */
  int need_files = HV_RUN(INIT_IDENTITY) || in->user || in->group;
  if (need_files) {
    if (load_idfile(c->rootfd, "etc/passwd", 7, &pw, res) < 0 || load_idfile(c->rootfd, "etc/group", 4, &gr, res) < 0) goto fail;
  }
  unsigned long uid, gid;
  if (in->user) {
    if (!hv_idfile_find_name(&pw, in->user, &uid)) { hv_fail(res, HV_INIT_IDENTITY, "user %s is not in the rootfs's /etc/passwd", in->user); goto fail; }
  } else if (in->uid >= 0) uid = (unsigned long)in->uid;
  else { hv_fail(res, HV_INIT_NOT_ROOT, "no uid given for init (it would run as root)"); goto fail; }
  if (in->group) {
    if (!hv_idfile_find_name(&gr, in->group, &gid)) { hv_fail(res, HV_INIT_IDENTITY, "group %s is not in the rootfs's /etc/group", in->group); goto fail; }
  } else if (in->gid >= 0) gid = (unsigned long)in->gid;
  else { hv_fail(res, HV_INIT_NOT_ROOT, "no gid given for init (it would run as group root)"); goto fail; }
  if (HV_RUN(INIT_IDENTITY)) {
    if (!hv_idfile_find_id(&pw, uid, NULL, 0)) { hv_fail(res, HV_INIT_IDENTITY, "uid %lu is not in the rootfs's /etc/passwd", uid); goto fail; }
    if (!hv_idfile_find_id(&gr, gid, NULL, 0)) { hv_fail(res, HV_INIT_IDENTITY, "gid %lu is not in the rootfs's /etc/group", gid); goto fail; }
    for (int i = 0; i < in->ngroups; i++) {
      if (!hv_idfile_find_id(&gr, (unsigned long)in->groups[i], NULL, 0)) { hv_fail(res, HV_INIT_IDENTITY, "supplementary gid %ld is not in the rootfs's /etc/group", in->groups[i]); goto fail; }
    }
  }

  /* 3. ids in both spaces: container ids and (with a user namespace) host ids */
  long long huid = map_id(in->uid_map, in->nuid_map, uid), hgid = map_id(in->gid_map, in->ngid_map, gid);
  if (huid < 0 || hgid < 0) { hv_fail(res, HV_IDENTITY_SWITCHABLE, "uid %lu / gid %lu not covered by the user-namespace map", uid, gid); goto fail; }
  long long hgroups[HV_MAX_GROUPS];
  for (int i = 0; i < in->ngroups; i++) {
    hgroups[i] = map_id(in->gid_map, in->ngid_map, (unsigned long)in->groups[i]);
    if (hgroups[i] < 0) { hv_fail(res, HV_IDENTITY_SWITCHABLE, "supplementary gid %ld not covered by the gid map", in->groups[i]); goto fail; }
  }
  int mapped = in->nuid_map > 0 && HACOLINT_ALLOW_MAPPED_ROOT;
  if (HV_RUN(INIT_NOT_ROOT)) {
    if ((uid == 0 && !mapped) || huid == 0) { hv_fail(res, HV_INIT_NOT_ROOT, "init would run as uid 0 (host uid %lld)", huid); goto fail; }
    if ((gid == 0 && !mapped) || hgid == 0) { hv_fail(res, HV_INIT_NOT_ROOT, "init would run as gid 0 (host gid %lld)", hgid); goto fail; }
    for (int i = 0; i < in->ngroups; i++) {
      if ((in->groups[i] == 0 && !mapped) || hgroups[i] == 0) { hv_fail(res, HV_INIT_NOT_ROOT, "init would have supplementary group 0"); goto fail; }
    }
  }
  if (HV_RUN(INIT_ID_MINIMUM)) {
    unsigned long umin = (unsigned long)HACOLINT_UID_MIN, gmin = (unsigned long)HACOLINT_GID_MIN;
    if ((!(mapped && uid == 0) && uid < umin) || (unsigned long long)huid < umin) { hv_fail(res, HV_INIT_ID_MINIMUM, "uid %lu (host %lld) is below the minimum %lu", uid, huid, umin); goto fail; }
    if ((!(mapped && gid == 0) && gid < gmin) || (unsigned long long)hgid < gmin) { hv_fail(res, HV_INIT_ID_MINIMUM, "gid %lu (host %lld) is below the minimum %lu", gid, hgid, gmin); goto fail; }
    for (int i = 0; i < in->ngroups; i++) {
      if ((unsigned long)in->groups[i] < gmin || (unsigned long long)hgroups[i] < gmin) { hv_fail(res, HV_INIT_ID_MINIMUM, "supplementary gid %ld is below the minimum %lu", in->groups[i], gmin); goto fail; }
    }
  }
  c->uid = (uid_t)huid;
  c->gid = (gid_t)hgid;
  c->ngroups = in->ngroups;
  for (int i = 0; i < in->ngroups; i++) c->groups[i] = (gid_t)hgroups[i];
  {
    const hv_ids *me = hv_invoker();
    int same = c->uid == me->euid && c->gid == me->egid && c->ngroups == 0;
    if (!same && !(hv_has_cap(CAP_SETUID) && hv_has_cap(CAP_SETGID))) {
      hv_fail(res, HV_IDENTITY_SWITCHABLE, "cannot become uid %lu gid %lu: no CAP_SETUID/CAP_SETGID", (unsigned long)c->uid, (unsigned long)c->gid);
      goto fail;
    }
  }

  /* 4. the init program, resolved inside the rootfs, every component checked */
  {
    hv_walk_policy wp = { 0 };
    wp.owners[wp.nowners++] = 0;
    wp.owners[wp.nowners++] = c->uid;
    if (root_host > 0) wp.owners[wp.nowners++] = (uid_t)root_host;
    wp.check_modes = 1;
    int fd = hv_resolve(c->rootfd, in->argv[0], HV_IN_ROOT, HV_RUN(ROOTFS_PERMISSIONS) ? &wp : NULL, 0);
    if (fd == -EPERM) { hv_fail(res, HV_ROOTFS_PERMISSIONS, "init %s: %s is group/other-writable or has a foreign owner", in->argv[0], wp.bad); goto fail; }
    if (fd == -ELOOP || fd == -EXDEV || fd == -ESTALE) {
      hv_fail(res, HV_RUN(ROOTFS_PERMISSIONS) ? HV_ROOTFS_PERMISSIONS : HV_INIT_EXISTS, "init %s does not resolve inside the rootfs: %s", in->argv[0], strerror(-fd));
      goto fail;
    }
    if (fd < 0) { hv_fail(res, HV_INIT_EXISTS, "init %s does not exist in the rootfs: %s", in->argv[0], strerror(-fd)); goto fail; }
    c->initfd = fd;
  }
  {
    struct stat st;
    struct statvfs vfs;
    if (fstat(c->initfd, &st) != 0 || fstatvfs(c->initfd, &vfs) != 0) { hv_internal(res, "cannot stat the init program"); goto fail; }
    if (!S_ISREG(st.st_mode)) { hv_fail(res, HV_INIT_EXECUTABLE, "init %s is not a regular file", in->argv[0]); goto fail; }
    int in_group = st.st_gid == c->gid;
    for (int i = 0; i < c->ngroups; i++) in_group |= st.st_gid == c->groups[i];
    mode_t xbit = st.st_uid == c->uid ? S_IXUSR : in_group ? S_IXGRP : S_IXOTH;
    if (!(st.st_mode & xbit)) { hv_fail(res, HV_INIT_EXECUTABLE, "init %s is not executable by uid %lu (mode %04o)", in->argv[0], (unsigned long)c->uid, (unsigned)(st.st_mode & 07777)); goto fail; }
    if (vfs.f_flag & ST_NOEXEC) { hv_fail(res, HV_INIT_EXECUTABLE, "init %s is on a noexec mount", in->argv[0]); goto fail; }
    if (HV_RUN(INIT_NOT_SETID) && (st.st_mode & (S_ISUID | S_ISGID))) {
      hv_fail(res, HV_INIT_NOT_SETID, "init %s has the set-uid or set-gid bit (mode %04o)", in->argv[0], (unsigned)(st.st_mode & 07777));
      goto fail;
    }
    if (HV_RUN(INIT_OWNER_MATCH) && st.st_uid != c->uid) {
      hv_fail(res, HV_INIT_OWNER_MATCH, "init %s is owned by uid %lu, not by the init user %lu", in->argv[0], (unsigned long)st.st_uid, (unsigned long)c->uid);
      goto fail;
    }
  }

  /* 5. the environment: built only from the given variables; names checked */
  if (in->nenv > HV_MAX_ENV) { hv_fail(res, HV_ENV_ALLOWED, "too many environment variables"); goto fail; }
  for (int i = 0; i < in->nenv; i++) {
    const char *k = in->env_keys[i];
    if (!is_env_name(k)) { hv_fail(res, HV_ON_ENV_ALLOWED ? HV_ENV_ALLOWED : HV_INIT_EXECUTABLE, "environment name '%s' is not a valid variable name", k); goto fail; }
    for (int j = 0; j < i; j++) if (strcmp(in->env_keys[j], k) == 0) { hv_fail(res, HV_ENV_ALLOWED, "environment name %s given twice", k); goto fail; }
#if HV_ON_ENV_ALLOWED
    if (hv_enforced() && !hv_list_contains(HACOLINT_ALLOWED_ENV, k, strlen(k))) {
      hv_fail(res, HV_ENV_ALLOWED, "environment variable %s is not allowed", k);
      goto fail;
    }
#endif
    size_t n = strlen(k) + strlen(in->env_vals[i]) + 2;
    c->envp[i] = malloc(n);
    if (!c->envp[i]) { hv_internal(res, "out of memory"); goto fail; }
    snprintf(c->envp[i], n, "%s=%s", k, in->env_vals[i]);
  }
  rc = 0;
  goto out;
fail:
  hv_checked_free(c);
out:
  free(pw.data);
  free(gr.data);
  return rc;
}

int hv_exec_container(hv_checked *c, const hv_container *in, hv_result *res) {
  struct stat st;
  if (fstat(c->initfd, &st) != 0) return hv_internal(res, "cannot stat the init fd");
  /* the transaction line, before anything changes (log file and syslog are already open) */
  if (hv_audit(0, "rootfs=%s init=%s ino=%lu:%lu uid=%lu gid=%lu", c->rootfs_path, in->argv[0],
               (unsigned long)st.st_dev, (unsigned long)st.st_ino, (unsigned long)c->uid, (unsigned long)c->gid) != 0) {
    return hv_internal(res, "the audit log cannot be written");
  }
  if (fchdir(c->rootfd) != 0 || chroot(".") != 0) return hv_fail(res, HV_ROOTFS_USABLE, "cannot chroot into %s: %s", c->rootfs_path, strerror(errno));
  char cwd[8];
  if (getcwd(cwd, sizeof cwd) == NULL) return hv_fail(res, HV_ROOTFS_USABLE, "working directory unreachable after chroot");
  close(c->rootfd);
  c->rootfd = -1;
  if (setgroups((size_t)c->ngroups, c->groups) != 0 || setresgid(c->gid, c->gid, c->gid) != 0 || setresuid(c->uid, c->uid, c->uid) != 0) {
    return hv_fail(res, HV_IDENTITY_SWITCHABLE, "cannot switch to uid %lu gid %lu: %s", (unsigned long)c->uid, (unsigned long)c->gid, strerror(errno));
  }
  uid_t r, e, s;
  gid_t rg, eg, sg;
  if (getresuid(&r, &e, &s) != 0 || getresgid(&rg, &eg, &sg) != 0 || r != c->uid || e != c->uid || s != c->uid
      || rg != c->gid || eg != c->gid || sg != c->gid) {
    return hv_fail(res, HV_IDENTITY_SWITCHABLE, "ids did not change to uid %lu gid %lu", (unsigned long)c->uid, (unsigned long)c->gid);
  }
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return hv_internal(res, "cannot set no_new_privs");
  /* nothing of ours leaks into init: every fd >= 3 closes on exec (the init fd too: ELF only) */
  if (syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */) != 0) {
    for (int fd = 3; fd < 65536; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
  }
  char *argv[HV_MAX_ARGS + 1];
  for (int i = 0; i < in->argc; i++) argv[i] = (char *)in->argv[i];
  argv[in->argc] = NULL;
  syscall(SYS_execveat, c->initfd, "", argv, c->envp, AT_EMPTY_PATH);
  int err = errno;
  if (err == EACCES || err == ENOEXEC || err == ENOENT) {
    return hv_fail(res, HV_INIT_EXECUTABLE, "cannot execute init %s: %s%s", in->argv[0], strerror(err),
                   err == ENOENT ? " (scripts cannot be run from a checked fd; use a binary init)" : "");
  }
  return hv_internal(res, "execveat of init %s failed: %s", in->argv[0], strerror(err));
}
