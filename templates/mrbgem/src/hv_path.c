/* Path resolution on file descriptors.
 *
 * hv_resolve walks a path one component at a time from a directory fd, like the kernel's
 * RESOLVE_IN_ROOT (absolute symlinks and '..' are clamped to the root) or RESOLVE_BENEATH
 * (leaving the root fails with EXDEV), opening each component with O_PATH|O_NOFOLLOW and
 * checking its owner and mode before going further. When the kernel has openat2 the same
 * path is also resolved by the kernel and both results must be the same inode; when openat2
 * exists but fails, that failure is final (no fall back to the walker: downgrade attacks). */
#include "hv_internal.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437
#endif
struct hv_open_how { uint64_t flags, mode, resolve; };
#define HV_RESOLVE_NO_MAGICLINKS 0x02
#define HV_RESOLVE_BENEATH 0x08
#define HV_RESOLVE_IN_ROOT 0x10

static int openat2_state; /* 0 unknown, 1 available, -1 ENOSYS */

/* openat2 or -errno; -ENOSYS when the kernel lacks it. Retries only on EAGAIN. */
static int hv_openat2(int dirfd, const char *path, uint64_t flags, uint64_t resolve) {
  struct hv_open_how how = { flags, 0, resolve };
  for (int tries = 0; tries < 16; tries++) {
    long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
    if (fd >= 0) { openat2_state = 1; return (int)fd; }
    if (errno == ENOSYS) { openat2_state = -1; return -ENOSYS; }
    if (errno != EAGAIN) return -errno;
  }
  return -EAGAIN;
}

int hv_openat2_available(void) {
  if (openat2_state == 0) {
    int fd = hv_openat2(AT_FDCWD, "/", O_PATH | O_CLOEXEC, 0);
    if (fd >= 0) close(fd);
  }
  return openat2_state == 1;
}

int hv_fd_path(int fd, char *buf, size_t bufsz) {
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(proc, buf, bufsz - 1);
  if (n < 0) return -errno;
  if ((size_t)n >= bufsz - 1) return -ENAMETOOLONG;
  buf[n] = '\0';
  return 0;
}

static int owner_ok(const hv_walk_policy *wp, const struct stat *st) {
  if (wp->nowners == 0) return 1;
  for (int i = 0; i < wp->nowners; i++) if (st->st_uid == wp->owners[i]) return 1;
  return 0;
}

/* The per-component rule: an allowed owner, and (unless disabled) not group/other writable. */
static int component_ok(hv_walk_policy *wp, const struct stat *st, const char *name) {
  if (!wp) return 1;
  if (owner_ok(wp, st) && (!wp->check_modes || (st->st_mode & (S_IWGRP | S_IWOTH)) == 0)) return 1;
  snprintf(wp->bad, sizeof wp->bad, "'%s' (uid %lu, mode %04o)", name, (unsigned long)st->st_uid,
           (unsigned)(st->st_mode & 07777));
  return 0;
}

#define HV_MAX_DEPTH 256

/* The walker. Returns an O_PATH fd or -errno; -EPERM when a component fails the policy. */
static int hv_walk(int dirfd, const char *path, int mode, hv_walk_policy *wp, int want_dir) {
  char *rest = malloc(2 * PATH_MAX + 2), *link = malloc(PATH_MAX + 1);
  int stack[HV_MAX_DEPTH];
  int depth = 0, links = 0, rc = -EINVAL;
  if (!rest || !link) { rc = -ENOMEM; goto out; }
  if (strlen(path) > PATH_MAX) { rc = -ENAMETOOLONG; goto out; }
  strcpy(rest, path);
  stack[0] = openat(dirfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (stack[0] < 0) { rc = -errno; goto out; }

  for (;;) {
    /* absolute (start or symlink target): back to the root, or out of bounds */
    if (rest[0] == '/') {
      if (mode == HV_BENEATH) { rc = -EXDEV; goto out; }
      while (depth > 0) close(stack[depth--]);
      memmove(rest, rest + 1, strlen(rest));
      continue;
    }
    if (rest[0] == '\0') break;
    char *slash = strchr(rest, '/');
    size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
    char name[NAME_MAX + 1];
    if (n > NAME_MAX) { rc = -ENAMETOOLONG; goto out; }
    memcpy(name, rest, n);
    name[n] = '\0';
    int last = 1;
    for (const char *q = rest + n; *q; q++) if (*q != '/') { last = 0; break; }
    memmove(rest, rest + n + (slash ? 1 : 0), strlen(rest + n + (slash ? 1 : 0)) + 1);

    if (n == 0 || strcmp(name, ".") == 0) continue;
    if (strcmp(name, "..") == 0) {
      if (depth > 0) close(stack[depth--]);
      else if (mode == HV_BENEATH) { rc = -EXDEV; goto out; }
      continue; /* IN_ROOT: '..' at the root stays at the root */
    }
    int fd = openat(stack[depth], name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) { rc = -errno; goto out; }
    struct stat st;
    if (fstat(fd, &st) != 0) { rc = -errno; close(fd); goto out; }
    if (S_ISLNK(st.st_mode)) {
      if (++links > HV_MAX_SYMLINKS) { close(fd); rc = -ELOOP; goto out; }
      ssize_t ln = readlinkat(fd, "", link, PATH_MAX);
      close(fd);
      if (ln < 0) { rc = -errno; goto out; }
      if (ln == 0 || ln >= PATH_MAX) { rc = -ENOENT; goto out; }
      link[ln] = '\0';
      size_t rl = strlen(rest);
      if ((size_t)ln + 1 + rl > 2 * PATH_MAX) { rc = -ENAMETOOLONG; goto out; }
      /* rest := target + "/" + rest */
      memmove(rest + ln + (rl ? 1 : 0), rest, rl + 1);
      memcpy(rest, link, (size_t)ln);
      if (rl) rest[ln] = '/';
      continue;
    }
    if (!component_ok(wp, &st, name)) { close(fd); rc = -EPERM; goto out; }
    if (S_ISDIR(st.st_mode)) {
      if (depth + 1 >= HV_MAX_DEPTH) { close(fd); rc = -ENAMETOOLONG; goto out; }
      stack[++depth] = fd;
      continue;
    }
    if (!last) { close(fd); rc = -ENOTDIR; goto out; }
    if (want_dir) { close(fd); rc = -ENOTDIR; goto out; }
    rc = fd;
    goto out;
  }
  /* the path ended on a directory */
  if (!want_dir && depth == 0) { rc = -EISDIR; goto out; }
  rc = stack[depth];
  stack[depth] = -1;
out:
  for (int i = 0; i <= depth; i++) if (stack[i] >= 0) close(stack[i]);
  free(rest);
  free(link);
  return rc;
}

int hv_resolve(int dirfd, const char *path, int mode, hv_walk_policy *wp, int want_dir) {
  int wfd = hv_walk(dirfd, path, mode, wp, want_dir);
  if (wfd == -EPERM || !hv_openat2_available()) return wfd;
  uint64_t resolve = HV_RESOLVE_NO_MAGICLINKS | (mode == HV_BENEATH ? HV_RESOLVE_BENEATH : HV_RESOLVE_IN_ROOT);
  int kfd = hv_openat2(dirfd, path, O_PATH | O_CLOEXEC | (want_dir ? O_DIRECTORY : 0), resolve);
  if (kfd < 0 || wfd < 0) {
    /* the kernel's verdict wins; a disagreement on success/failure is a race: fail */
    if (kfd >= 0) close(kfd);
    if (wfd >= 0) close(wfd);
    return kfd < 0 ? kfd : (wfd < 0 ? wfd : -ESTALE);
  }
  struct stat a, b;
  int same = fstat(wfd, &a) == 0 && fstat(kfd, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
  close(kfd);
  if (!same) { close(wfd); return -ESTALE; }
  return wfd;
}

int hv_open_in_root(int rootfd, const char *path) {
  int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
  if (hv_openat2_available()) {
    return hv_openat2(rootfd, path, (uint64_t)flags, HV_RESOLVE_IN_ROOT | HV_RESOLVE_NO_MAGICLINKS);
  }
  /* no openat2: walk to an O_PATH fd, then reopen that very inode for reading */
  int pfd = hv_walk(rootfd, path, HV_IN_ROOT, NULL, 0);
  if (pfd < 0) return pfd;
  struct stat a, b;
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", pfd);
  if (fstat(pfd, &a) != 0 || !S_ISREG(a.st_mode)) { close(pfd); return -EINVAL; }
  int fd = open(proc, flags);
  int err = errno;
  close(pfd);
  if (fd < 0) return -err;
  if (fstat(fd, &b) != 0 || a.st_dev != b.st_dev || a.st_ino != b.st_ino) { close(fd); return -ESTALE; }
  return fd;
}

int hv_read_all(int fd, size_t max, char **out, size_t *len) {
  struct stat st;
  if (fstat(fd, &st) != 0) return -errno;
  if (!S_ISREG(st.st_mode)) return -EINVAL;
  if ((uint64_t)st.st_size > max) return -EFBIG;
  size_t cap = (size_t)st.st_size + 1, n = 0;
  char *buf = malloc(cap + 1);
  if (!buf) return -ENOMEM;
  for (;;) {
    if (n == cap) { free(buf); return -EFBIG; } /* grew while reading */
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0) { if (errno == EINTR) continue; int e = errno; free(buf); return -e; }
    if (r == 0) break;
    n += (size_t)r;
  }
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return 0;
}
