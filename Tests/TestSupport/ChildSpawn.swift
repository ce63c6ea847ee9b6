import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Spawns a test's child process clean: with an empty signal mask and no descriptors above stderr.
///
/// Dispatch threads block most signals and a child inherits the mask, so without resetting it the child
/// (and any server it starts) would ignore SIGTERM. Other suites' pipes are open in this process without
/// close-on-exec; a daemon holding their write ends would keep their readers from ever seeing end of file.
enum ChildSpawn {
    /// Starts `executable` (an absolute path) with `arguments`; `actions` set up its stdin, stdout and stderr.
    /// - Throws: ``TestFailure`` naming `posix_spawn` when it fails.
    static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String],
        actions: inout posix_spawn_file_actions_t
    ) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        // glibc's `posix_spawn_file_actions_addclosefrom_np` is not visible to Swift, so a tiny trampoline
        // closes every descriptor above stderr and then execs the real program.
        let trampoline = "import os, sys; os.closerange(3, 1 << 16); os.execv(sys.argv[1], sys.argv[1:])"
        let launcher = "/usr/bin/env"
        let argv = ([launcher, "python3", "-c", trampoline, executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, launcher, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TestFailure("posix_spawn \(executable): \(String(cString: strerror(spawned)))") }
        return pid
    }
}
