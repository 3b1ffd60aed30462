#include "tests/app/gui/monkey/monkey_event_log.h"

#include <QStringList>

#include <unistd.h>
#include <csignal>
#include <cstring>

namespace convscope::tests {

namespace {

MonkeyEventLog* g_log = nullptr;
struct sigaction g_previous[32];
const int kSignals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE};

void writeAll(const char* text) {
    std::size_t left = std::strlen(text);
    while (left > 0) {
        const ssize_t n = ::write(STDERR_FILENO, text, left);
        if (n <= 0) return;
        text += n;
        left -= static_cast<std::size_t>(n);
    }
}

// Not strictly async-signal-safe (the strings may be mid-assignment), but the process is dying anyway and the
// last events are what makes the crash reproducible.
void onCrash(int sig, siginfo_t* info, void* context) {
    if (g_log) {
        writeAll("\n=== monkey: process got a fatal signal; the last events (seed ");
        writeAll(std::to_string(g_log->seed()).c_str());
        writeAll(", events sent ");
        writeAll(std::to_string(g_log->count()).c_str());
        writeAll(") ===\n");
        writeAll(g_log->dump().toStdString().c_str());
        g_log = nullptr;
    }
    const struct sigaction& previous = g_previous[sig];
    if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction) {
        sigaction(sig, &previous, nullptr);
        previous.sa_sigaction(sig, info, context);
        return;
    }
    sigaction(sig, &previous, nullptr);
    raise(sig);
}

}  // namespace

MonkeyEventLog::MonkeyEventLog(std::uint32_t seed) : m_seed(seed) {}

MonkeyEventLog::~MonkeyEventLog() {
    if (g_log == this) {
        g_log = nullptr;
        for (int sig : kSignals) sigaction(sig, &g_previous[sig], nullptr);
    }
}

void MonkeyEventLog::add(double seconds, const QString& what) {
    ++m_count;
    m_lines[static_cast<std::size_t>(m_count % kCapacity)] =
        QStringLiteral("#%1 t=%2s %3").arg(m_count).arg(seconds, 0, 'f', 2).arg(what).toStdString();
}

QString MonkeyEventLog::dump() const {
    QStringList lines;
    const std::int64_t first = m_count >= kCapacity ? m_count - kCapacity + 1 : 1;
    for (std::int64_t i = first; i <= m_count; ++i)
        lines << QString::fromStdString(m_lines[static_cast<std::size_t>(i % kCapacity)]);
    lines << QStringLiteral("(seed %1; replay with CONVSCOPE_MONKEY_SEED=%1)").arg(m_seed);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void MonkeyEventLog::installCrashHandler() {
    g_log = this;
    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_sigaction = onCrash;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    for (int sig : kSignals) sigaction(sig, &action, &g_previous[sig]);
}

}  // namespace convscope::tests
