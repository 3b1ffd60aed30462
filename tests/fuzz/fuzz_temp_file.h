#pragma once

// A file for a fuzz input, for the readers that take a path rather than bytes (checkpoints, TorchScript
// files, kernel and conv-trace input files, run folders, settings). It lives in a folder of its own under
// /dev/shm (memory, not the disk: a fuzzer writes it thousands of times a second), made once per process
// and removed at exit, so that several fuzzers and CTest's parallel runs never share a file.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace convscope::fuzz {

class FuzzTempDir {
public:
    /// The process's folder, made on first use: $CONVSCOPE_FUZZ_TMP (default /dev/shm, or /tmp where
    /// /dev/shm is missing) / convscope-fuzz-<pid>.
    static const std::string& path() {
        // Never destroyed: the removal at exit runs after static destructors may have run.
        static const std::string* const dir = [] {
            const char* base = std::getenv("CONVSCOPE_FUZZ_TMP");
            std::string root = base && *base ? base : "/dev/shm";
            std::error_code ec;
            if (!std::filesystem::is_directory(root, ec)) root = "/tmp";
            auto* made = new std::string(root + "/convscope-fuzz-" + std::to_string(::getpid()));
            std::filesystem::create_directories(*made, ec);
            return made;
        }();
        static const bool removeAtExit = std::atexit([] { removeAll(); }) == 0;
        (void)removeAtExit;
        return *dir;
    }
    /// Writes `bytes` to `name` in the process's folder (replacing it) and returns the file's path.
    static std::string write(const std::string& name, const std::uint8_t* bytes, std::size_t size) {
        const std::string file = path() + "/" + name;
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes), static_cast<std::streamsize>(size));
        out.close();
        if (!out) {
            std::fprintf(stderr, "fuzz harness: cannot write %s\n", file.c_str());
            std::abort();  // a broken harness, not a finding: stop rather than fuzz nothing
        }
        return file;
    }
    static std::string write(const std::string& name, const std::string& bytes) {
        return write(name, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }

private:
    static void removeAll() {
        std::error_code ec;
        std::filesystem::remove_all(path(), ec);
    }
};

}  // namespace convscope::fuzz
