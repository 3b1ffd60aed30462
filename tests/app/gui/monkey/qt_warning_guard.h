#pragma once

// Catches the Qt messages that mean a bug (a painter on an inactive device, a connect to a missing signal, a
// timer or child made on the wrong thread, a layout loop…) while the monkey runs; every other warning is only
// counted. Messages are passed on to the handler that was installed before (Qt Test's).

#include <QMutex>
#include <QStringList>
#include <QtGlobal>

namespace convscope::tests {

class QtWarningGuard {
public:
    QtWarningGuard();
    ~QtWarningGuard();
    QtWarningGuard(const QtWarningGuard&) = delete;
    QtWarningGuard& operator=(const QtWarningGuard&) = delete;

    /// The messages that indicate a bug, in the order they came ("kind: text").
    QStringList bugs() const;
    /// How many other warnings (and which, at most the first 20 distinct ones).
    int otherCount() const;
    QStringList otherSamples() const;

    /// Whether `message` of `type` is one that indicates a bug (public for the test of the patterns).
    static bool indicatesBug(QtMsgType type, const QString& message);

private:
    static void handler(QtMsgType type, const QMessageLogContext& context, const QString& message);

    mutable QMutex m_mutex;
    QStringList m_bugs;
    QStringList m_otherSamples;
    int m_otherCount = 0;
    QtMessageHandler m_previous = nullptr;
};

}  // namespace convscope::tests
