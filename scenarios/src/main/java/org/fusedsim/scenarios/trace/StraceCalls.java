package org.fusedsim.scenarios.trace;

import java.util.List;

/**
 * Canonical names and attributes of strace calls (the import normalisation table of the CST
 * specification): {@code openat} becomes {@code open}, {@code newfstatat}/{@code statx} become
 * {@code fstat}/{@code lstat}/{@code stat}, the {@code *at} family loses its suffix, {@code clone3}
 * becomes {@code clone}, {@code prlimit64} {@code getrlimit}/{@code setrlimit}, {@code
 * clock_nanosleep} {@code nanosleep}, {@code pipe2 dup3 accept4 ppoll pselect6 epoll_pwait} their
 * classic forms, and {@code rseq arch_prctl getrandom} are dropped. A renamed call keeps its strace
 * name in {@code orig=}. Attributes are the resource-identifying arguments only.
 */
final class StraceCalls {
  private static final long AT_FDCWD = -100;

  /** Returns true for x86-64 start-up calls CST drops. */
  boolean isDropped(String name) {
    return name.equals("rseq") || name.equals("arch_prctl") || name.equals("getrandom");
  }

  /** The canonical name when the arguments are unknown (a call resumed without its start). */
  String canonicalName(String name) {
    return switch (name) {
      case "openat" -> "open";
      case "newfstatat", "fstatat64", "statx" -> "stat";
      case "faccessat", "faccessat2" -> "access";
      case "mkdirat" -> "mkdir";
      case "unlinkat" -> "unlink";
      case "renameat", "renameat2" -> "rename";
      case "linkat" -> "link";
      case "symlinkat" -> "symlink";
      case "readlinkat" -> "readlink";
      case "fchmodat" -> "chmod";
      case "fchownat" -> "chown";
      case "utimensat", "futimesat", "utimes" -> "utime";
      case "clone3" -> "clone";
      case "prlimit64" -> "getrlimit";
      case "clock_nanosleep" -> "nanosleep";
      case "pipe2" -> "pipe";
      case "dup3" -> "dup2";
      case "accept4" -> "accept";
      case "ppoll" -> "poll";
      case "pselect6" -> "select";
      case "epoll_pwait" -> "epoll_wait";
      default -> name;
    };
  }

  /** True if a clone-like call creates a thread (CLONE_THREAD) rather than a process. */
  boolean threadClone(String name, List<String> args) {
    if (name.equals("fork") || name.equals("vfork")) {
      return false;
    }
    for (String a : args) {
      if (a.contains("CLONE_THREAD")) {
        return true;
      }
    }
    return false;
  }

  /** Attributes of the {@code !start} event made from the first execve. */
  void start(List<String> args, List<Attr> attrs) {
    String exe = arg(args, 0) == null ? null : StraceText.cString(args.get(0));
    text(attrs, "exe", exe);
    String argv = arg(args, 1);
    if (argv != null && argv.startsWith("[") && argv.endsWith("]")) {
      StringBuilder sb = new StringBuilder();
      for (String a : StraceText.splitArgs(argv.substring(1, argv.length() - 1))) {
        String v = StraceText.cString(a);
        if (v == null) {
          continue;
        }
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(Cst.encode(v).replace(",", "%2C"));
      }
      if (sb.length() > 0) {
        attrs.add(new Attr("argv", sb.toString()));
      }
    }
  }

  /**
   * Fills the attributes of a call and returns its canonical name.
   *
   * @param name strace name
   * @param args top-level arguments as printed
   * @param ret CST result
   * @param epochNs start as ns since the epoch, or {@code Long.MIN_VALUE} if unknown (for absolute
   *     clock_nanosleep)
   * @param dur measured duration or -1
   */
  String decode(
      String name, List<String> args, String ret, long epochNs, long dur, List<Attr> attrs) {
    String op = canonicalName(name);
    switch (name) {
      case "read", "write", "getdents", "getdents64" -> {
        fd(attrs, args, 0);
        integer(attrs, "count", arg(args, 2));
      }
      case "pread64", "pwrite64" -> {
        fd(attrs, args, 0);
        integer(attrs, "count", arg(args, 2));
        integer(attrs, "off", arg(args, 3));
      }
      case "readv", "writev", "preadv", "pwritev", "preadv2", "pwritev2" -> {
        fd(attrs, args, 0);
        String iov = arg(args, 1);
        if (iov != null && iov.contains("iov_len=")) {
          attrs.add(Attr.of("count", StraceText.iovBytes(iov)));
        }
        integer(attrs, "iov", arg(args, 2));
        if (name.startsWith("p")) {
          integer(attrs, "off", arg(args, 3));
        }
      }
      case "lseek", "llseek", "_llseek" -> {
        fd(attrs, args, 0);
        integer(attrs, "off", arg(args, 1));
        symbols(attrs, "whence", last(args));
      }
      case "close",
              "fsync",
              "fdatasync",
              "fstat",
              "fstat64",
              "fstatfs",
              "fstatfs64",
              "fchdir",
              "dup",
              "syncfs",
              "fgetxattr",
              "fsetxattr",
              "flistxattr",
              "fremovexattr",
              "fchown",
              "fchown32",
              "connect",
              "bind",
              "listen",
              "accept",
              "getsockname",
              "getpeername",
              "shutdown",
              "getsockopt",
              "setsockopt",
              "sendmsg",
              "recvmsg",
              "sendmmsg",
              "recvmmsg",
              "epoll_wait",
              "epoll_pwait",
              "epoll_ctl",
              "fadvise64",
              "fallocate",
              "inotify_add_watch",
              "accept4" ->
          fd(attrs, args, 0);
      case "sendto", "recvfrom", "send", "recv" -> {
        fd(attrs, args, 0);
        integer(attrs, "count", arg(args, 2));
      }
      case "ftruncate", "ftruncate64" -> {
        fd(attrs, args, 0);
        integer(attrs, "len", arg(args, 1));
      }
      case "fchmod" -> {
        fd(attrs, args, 0);
        octal(attrs, arg(args, 1));
      }
      case "fcntl", "fcntl64" -> {
        fd(attrs, args, 0);
        symbols(attrs, "cmd", arg(args, 1));
      }
      case "ioctl" -> {
        fd(attrs, args, 0);
        symbols(attrs, "cmd", arg(args, 1));
      }
      case "flock" -> {
        fd(attrs, args, 0);
        symbols(attrs, "op", arg(args, 1));
      }
      case "dup2", "dup3" -> {
        fd(attrs, args, 0);
        fd(attrs, "newfd", "newfdpath", arg(args, 1));
      }
      case "open" -> {
        path(attrs, "path", arg(args, 0));
        symbols(attrs, "flags", arg(args, 1));
        octal(attrs, arg(args, 2));
      }
      case "creat" -> {
        path(attrs, "path", arg(args, 0));
        octal(attrs, arg(args, 1));
      }
      case "openat" -> {
        atPath(attrs, args, 0, 1, "path");
        symbols(attrs, "flags", arg(args, 2));
        octal(attrs, arg(args, 3));
      }
      case "stat",
              "stat64",
              "lstat",
              "lstat64",
              "statfs",
              "statfs64",
              "truncate",
              "chdir",
              "getxattr",
              "lgetxattr",
              "setxattr",
              "lsetxattr",
              "listxattr",
              "llistxattr",
              "removexattr",
              "lremovexattr",
              "rmdir",
              "unlink",
              "chroot",
              "chown",
              "lchown",
              "execve",
              "mknod",
              "umount2",
              "uselib",
              "acct",
              "swapon",
              "swapoff",
              "readlink" ->
          path(attrs, "path", arg(args, 0));
      case "newfstatat", "fstatat64", "statx" -> {
        String flags = name.equals("statx") ? arg(args, 2) : arg(args, 3);
        String f = flags == null ? "" : flags;
        String p = arg(args, 1);
        String ps = p == null ? null : StraceText.cString(p);
        if (f.contains("AT_EMPTY_PATH") && (ps == null || ps.isEmpty())) {
          op = "fstat";
          fd(attrs, args, 0);
        } else {
          op = f.contains("AT_SYMLINK_NOFOLLOW") ? "lstat" : "stat";
          atPath(attrs, args, 0, 1, "path");
        }
      }
      case "access", "mkdir", "chmod" -> {
        path(attrs, "path", arg(args, 0));
        if (name.equals("access")) {
          symbols(attrs, "mode", arg(args, 1));
        } else {
          octal(attrs, arg(args, 1));
        }
      }
      case "faccessat", "faccessat2" -> {
        atPath(attrs, args, 0, 1, "path");
        symbols(attrs, "mode", arg(args, 2));
      }
      case "mkdirat", "fchmodat" -> {
        atPath(attrs, args, 0, 1, "path");
        octal(attrs, arg(args, 2));
      }
      case "mknodat", "fchownat", "readlinkat" -> atPath(attrs, args, 0, 1, "path");
      case "unlinkat" -> {
        atPath(attrs, args, 0, 1, "path");
        String f = arg(args, 2);
        if (f != null && f.contains("AT_REMOVEDIR")) {
          op = "rmdir";
        }
      }
      case "rename", "link", "symlink" -> {
        path(attrs, "path", arg(args, 0));
        path(attrs, "path2", arg(args, 1));
      }
      case "renameat", "renameat2", "linkat" -> {
        atPath(attrs, args, 0, 1, "path");
        path(attrs, "path2", arg(args, 3));
      }
      case "symlinkat" -> {
        path(attrs, "path", arg(args, 0));
        path(attrs, "path2", arg(args, 2));
      }
      case "utimensat", "futimesat" -> {
        String p = arg(args, 1);
        if (p != null && p.equals("NULL")) {
          fd(attrs, args, 0);
        } else {
          atPath(attrs, args, 0, 1, "path");
        }
      }
      case "utime", "utimes" -> path(attrs, "path", arg(args, 0));
      case "mmap", "mmap2" -> {
        hex(attrs, "addr", arg(args, 0));
        integer(attrs, "len", arg(args, 1));
        symbols(attrs, "prot", arg(args, 2));
        symbols(attrs, "flags", arg(args, 3));
        Long fd = arg(args, 4) == null ? null : StraceText.integer(args.get(4));
        if (fd != null && fd >= 0) {
          fd(attrs, args, 4);
          integer(attrs, "off", arg(args, 5));
        }
      }
      case "munmap", "mprotect", "madvise", "mlock", "munlock", "msync", "mincore" -> {
        hex(attrs, "addr", arg(args, 0));
        integer(attrs, "len", arg(args, 1));
        if (name.equals("mprotect")) {
          symbols(attrs, "prot", arg(args, 2));
        } else if (name.equals("madvise") || name.equals("msync")) {
          symbols(attrs, "op", arg(args, 2));
        }
      }
      case "mremap" -> {
        hex(attrs, "addr", arg(args, 0));
        integer(attrs, "len", arg(args, 2));
      }
      case "brk" -> hex(attrs, "addr", arg(args, 0));
      case "futex" -> futex(attrs, args);
      case "nanosleep" -> nanos(attrs, "req", arg(args, 0));
      case "clock_nanosleep" -> {
        String flags = arg(args, 1);
        String req = arg(args, 2);
        Long t = req == null ? null : StraceText.timespecNs(req);
        if (flags != null && flags.contains("TIMER_ABSTIME")) {
          String clk = arg(args, 0);
          if (t != null
              && epochNs != Long.MIN_VALUE
              && clk != null
              && clk.equals("CLOCK_REALTIME")) {
            attrs.add(Attr.of("req", Math.max(0, t - epochNs)));
          } else if (dur >= 0) {
            attrs.add(Attr.of("req", dur));
          }
          attrs.add(Attr.of("abstime", 1));
        } else if (t != null) {
          attrs.add(Attr.of("req", t));
        }
      }
      case "clone" -> {
        for (String a : args) {
          if (a.startsWith("flags=")) {
            symbols(attrs, "flags", a.substring(6));
          }
        }
      }
      case "clone3" -> {
        String s = arg(args, 0);
        if (s != null) {
          int f = s.indexOf("flags=");
          if (f >= 0) {
            int e = f + 6;
            while (e < s.length() && s.charAt(e) != ',' && s.charAt(e) != '}') {
              e++;
            }
            symbols(attrs, "flags", s.substring(f + 6, e));
          }
        }
      }
      case "prlimit64" -> {
        String nw = arg(args, 2);
        op = nw != null && !nw.equals("NULL") ? "setrlimit" : "getrlimit";
        symbols(attrs, "res", arg(args, 1));
      }
      case "getrlimit", "setrlimit", "ugetrlimit" -> symbols(attrs, "res", arg(args, 0));
      case "kill", "tkill" -> symbols(attrs, "sig", arg(args, 1));
      case "tgkill" -> symbols(attrs, "sig", arg(args, 2));
      case "exit", "exit_group" -> integer(attrs, "code", arg(args, 0));
      case "pipe", "pipe2", "poll", "ppoll", "select", "pselect6" -> {
        // descriptors are inside arrays; nothing resource-identifying at top level
      }
      default -> {
        // other calls keep their name and no arguments
      }
    }
    if (!op.equals(name)) {
      attrs.add(new Attr("orig", Cst.encode(name)));
    }
    return op;
  }

  private static void futex(List<Attr> attrs, List<String> args) {
    hex(attrs, "uaddr", arg(args, 0));
    String op = arg(args, 1);
    symbols(attrs, "op", op);
    integer(attrs, "val", arg(args, 2));
    if (op == null) {
      return;
    }
    if (op.startsWith("FUTEX_WAIT")
        && !op.startsWith("FUTEX_WAIT_BITSET")
        && !op.startsWith("FUTEX_WAIT_REQUEUE")) {
      String t = arg(args, 3);
      Long ns = t == null ? null : StraceText.timespecNs(t);
      if (ns != null) {
        attrs.add(Attr.of("timeout", ns));
      }
    }
    if (op.contains("REQUEUE") || op.contains("WAKE_OP")) {
      hex(attrs, "uaddr2", arg(args, 4));
      integer(attrs, "val3", arg(args, 5));
    }
  }

  private static String arg(List<String> args, int i) {
    return i < args.size() ? args.get(i) : null;
  }

  private static String last(List<String> args) {
    return args.isEmpty() ? null : args.get(args.size() - 1);
  }

  private static void fd(List<Attr> attrs, List<String> args, int i) {
    fd(attrs, "fd", "fdpath", arg(args, i));
  }

  private static void fd(List<Attr> attrs, String key, String pathKey, String a) {
    if (a == null) {
      return;
    }
    Long v = StraceText.integer(a);
    if (v == null) {
      return;
    }
    attrs.add(Attr.of(key, v));
    text(attrs, pathKey, StraceText.decoration(a));
  }

  /** A path argument relative to a directory descriptor ({@code AT_FDCWD} or a real fd). */
  private static void atPath(
      List<Attr> attrs, List<String> args, int dirIdx, int pathIdx, String key) {
    String dir = arg(args, dirIdx);
    String p = arg(args, pathIdx);
    String path = p == null ? null : StraceText.cString(p);
    String dirPath = dir == null ? null : StraceText.decoration(dir);
    Long dirFd =
        dir == null
            ? null
            : StraceText.bare(dir).equals("AT_FDCWD")
                ? Long.valueOf(AT_FDCWD)
                : StraceText.integer(dir);
    boolean relative = path != null && !path.startsWith("/");
    if (dirFd != null && dirFd != AT_FDCWD) {
      if (relative && dirPath != null) {
        path = path.isEmpty() ? dirPath : dirPath + (dirPath.endsWith("/") ? "" : "/") + path;
      }
      text(attrs, key, path);
      attrs.add(Attr.of("dirfd", dirFd));
      text(attrs, "dirfdpath", dirPath);
    } else {
      text(attrs, key, path);
      if (relative && dirPath != null) {
        text(attrs, "cwd", dirPath);
      }
    }
  }

  private static void path(List<Attr> attrs, String key, String a) {
    text(attrs, key, a == null ? null : StraceText.cString(a));
  }

  private static void text(List<Attr> attrs, String key, String v) {
    if (v != null && !v.isEmpty()) {
      attrs.add(Attr.text(key, v));
    }
  }

  private static void integer(List<Attr> attrs, String key, String a) {
    if (a == null) {
      return;
    }
    Long v = StraceText.integer(a);
    if (v != null) {
      attrs.add(Attr.of(key, v));
    }
  }

  private static void hex(List<Attr> attrs, String key, String a) {
    if (a == null) {
      return;
    }
    String b = StraceText.bare(a);
    Long v = StraceText.integer(b);
    if (v != null && v != 0) {
      attrs.add(new Attr(key, "0x" + Long.toHexString(v)));
    }
  }

  private static void octal(List<Attr> attrs, String a) {
    if (a == null) {
      return;
    }
    String b = a.trim();
    if (b.length() > 1 && b.length() < 13 && b.charAt(0) == '0') {
      for (int k = 1; k < b.length(); k++) {
        if (b.charAt(k) < '0' || b.charAt(k) > '7') {
          return;
        }
      }
      attrs.add(new Attr("mode", b));
    } else if (b.equals("0")) {
      attrs.add(new Attr("mode", "0"));
    }
  }

  private static void nanos(List<Attr> attrs, String key, String a) {
    Long ns = a == null ? null : StraceText.timespecNs(a);
    if (ns != null) {
      attrs.add(Attr.of(key, ns));
    }
  }

  private static void symbols(List<Attr> attrs, String key, String a) {
    if (a == null || a.isEmpty() || a.equals("NULL")) {
      return;
    }
    String s = a.replace(" ", "");
    String enc = Cst.encodeSymbols(s);
    if (!enc.isEmpty()) {
      attrs.add(new Attr(key, enc));
    }
  }
}
