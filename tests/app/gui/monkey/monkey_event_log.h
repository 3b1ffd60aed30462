#pragma once

// The monkey's memory: the last events it sent, printed when the test fails and, best effort, when the
// process dies of a signal, so that a crash can be replayed (the seed and the event number are in every
// line).

#include <QString>

#include <array>
#include <cstdint>
#include <string>

namespace convscope::tests {

class MonkeyEventLog {
public:
    static constexpr int kCapacity = 50;

    explicit MonkeyEventLog(std::uint32_t seed);
    ~MonkeyEventLog();
    MonkeyEventLog(const MonkeyEventLog&) = delete;
    MonkeyEventLog& operator=(const MonkeyEventLog&) = delete;

    /// Records event number count()+1 at `seconds` since the start.
    void add(double seconds, const QString& what);
    std::int64_t count() const { return m_count; }
    std::uint32_t seed() const { return m_seed; }
    /// The last events, oldest first, one a line.
    QString dump() const;
    /// Prints the last events to stderr when the process gets SIGSEGV, SIGABRT, SIGBUS or SIGFPE, then hands
    /// the signal to the handler that was there before (the sanitizer's, under ASan).
    void installCrashHandler();

private:
    std::uint32_t m_seed;
    std::int64_t m_count = 0;
    std::array<std::string, kCapacity> m_lines;
};

}  // namespace convscope::tests
