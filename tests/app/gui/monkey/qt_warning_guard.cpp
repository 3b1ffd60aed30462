#include "tests/app/gui/monkey/qt_warning_guard.h"

#include <QMutexLocker>

namespace convscope::tests {

namespace {

QtWarningGuard* g_guard = nullptr;

// Prefixes and phrases of Qt's own diagnostics for misuse: each means ConvScope did something wrong.
const char* const kBugPatterns[] = {
    "QWidget::",
    "QPainter::",
    "QObject::connect",
    "QObject::disconnect",
    "QObject::startTimer",
    "QObject::killTimer",
    "QObject::setParent",
    "QObject::moveToThread",
    "Cannot create children",
    "QBasicTimer",
    "QSocketNotifier",
    "Timers cannot",
    "QThread: Destroyed",
    "QThread::",
    "QMetaObject::",
    "Cannot queue arguments",
    "QLayout::",
    "QGridLayout",
    "QBoxLayout",
    "QFormLayout",
    "QPixmap::",
    "QImage::",
    "QAbstractItemModel",
    "QAbstractItemView",
    "QItemSelectionModel",
    "QSortFilterProxyModel",
    "QCoreApplication::",
    "ASSERT",
    "QMetaType",
    "QBackingStore",
    "QWidgetWindow",
    "QAction::",
    "QTabWidget",
    "QStackedWidget",
    "QComboBox",
    "QAbstractSpinBox",
};

// Warnings that look like bugs but are not ConvScope's: each with the reason it is allowed.
const char* const kAllowed[] = {
    // The offscreen platform plugin has no window manager: harmless for a test, absent on a desktop.
    "This plugin does not support",
};

}  // namespace

bool QtWarningGuard::indicatesBug(QtMsgType type, const QString& message) {
    if (type == QtDebugMsg || type == QtInfoMsg) return false;
    for (const char* allowed : kAllowed)
        if (message.contains(QLatin1String(allowed))) return false;
    if (type == QtCriticalMsg || type == QtFatalMsg) return true;
    for (const char* pattern : kBugPatterns)
        if (message.contains(QLatin1String(pattern))) return true;
    return false;
}

QtWarningGuard::QtWarningGuard() {
    g_guard = this;
    m_previous = qInstallMessageHandler(&QtWarningGuard::handler);
}

QtWarningGuard::~QtWarningGuard() {
    qInstallMessageHandler(m_previous);
    g_guard = nullptr;
}

void QtWarningGuard::handler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    QtWarningGuard* guard = g_guard;
    if (guard && type != QtDebugMsg && type != QtInfoMsg) {
        QMutexLocker lock(&guard->m_mutex);
        if (indicatesBug(type, message)) {
            guard->m_bugs << QStringLiteral("%1: %2").arg(type == QtWarningMsg ? "warning" : "critical",
                                                          message);
        } else {
            ++guard->m_otherCount;
            if (guard->m_otherSamples.size() < 20 && !guard->m_otherSamples.contains(message))
                guard->m_otherSamples << message;
        }
    }
    // The offscreen plugin's notes come by the hundred in a long run and say nothing: counted, not printed.
    // Nor Qt Test's note that a drag ended outside a window that moved or shrank under it.
    if (guard && type == QtWarningMsg &&
        (message.startsWith(QLatin1String("This plugin does not support")) ||
         message.contains(QLatin1String("occurs outside target window"))))
        return;
    if (guard && guard->m_previous) guard->m_previous(type, context, message);
}

QStringList QtWarningGuard::bugs() const {
    QMutexLocker lock(&m_mutex);
    return m_bugs;
}

int QtWarningGuard::otherCount() const {
    QMutexLocker lock(&m_mutex);
    return m_otherCount;
}

QStringList QtWarningGuard::otherSamples() const {
    QMutexLocker lock(&m_mutex);
    return m_otherSamples;
}

}  // namespace convscope::tests
