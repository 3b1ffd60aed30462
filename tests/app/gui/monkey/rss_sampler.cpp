#include "tests/app/gui/monkey/rss_sampler.h"

#include <QDateTime>
#include <QStringList>
#include <QTextStream>

#include <algorithm>
#include <fstream>

#include <unistd.h>

namespace convscope::tests {

RssSampler::RssSampler(const QString& csvPath, std::function<qint64()> events)
    : m_file(csvPath), m_events(std::move(events)) {
    m_timer.setInterval(1000);
    QObject::connect(&m_timer, &QTimer::timeout, [this] { sample(); });
}

bool RssSampler::start() {
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
    m_file.write("seconds,events,rss_mib\n");
    m_startMs = QDateTime::currentMSecsSinceEpoch();
    sample();
    m_timer.start();
    return true;
}

void RssSampler::stop() {
    if (!m_timer.isActive()) return;
    m_timer.stop();
    sample();
    m_file.close();
}

double RssSampler::currentRssMiB() {
    std::ifstream statm("/proc/self/statm");
    long long size = 0, resident = 0;
    if (!(statm >> size >> resident)) return 0;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

void RssSampler::sample() {
    Sample s;
    s.seconds = (QDateTime::currentMSecsSinceEpoch() - m_startMs) / 1000.0;
    s.events = m_events ? m_events() : 0;
    s.rssMiB = currentRssMiB();
    m_samples.append(s);
    m_file.write(QStringLiteral("%1,%2,%3\n")
                     .arg(s.seconds, 0, 'f', 1)
                     .arg(s.events)
                     .arg(s.rssMiB, 0, 'f', 1)
                     .toUtf8());
    m_file.flush();  // a crash keeps the curve up to here
}

double RssSampler::medianMiB(double from, double to) const {
    QVector<double> values;
    for (const Sample& s : m_samples)
        if (s.seconds >= from && s.seconds < to) values.append(s.rssMiB);
    if (values.isEmpty()) return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

QString RssSampler::summary(double bucketSeconds) const {
    if (m_samples.isEmpty()) return QStringLiteral("no RSS samples");
    double lo = m_samples.front().rssMiB, hi = lo;
    for (const Sample& s : m_samples) {
        lo = std::min(lo, s.rssMiB);
        hi = std::max(hi, s.rssMiB);
    }
    QStringList lines;
    lines << QStringLiteral("RSS MiB: start %1, min %2, max %3, last %4 (%5 samples, %6 events)")
                 .arg(m_samples.front().rssMiB, 0, 'f', 1)
                 .arg(lo, 0, 'f', 1)
                 .arg(hi, 0, 'f', 1)
                 .arg(m_samples.back().rssMiB, 0, 'f', 1)
                 .arg(m_samples.size())
                 .arg(m_samples.back().events);
    const double end = m_samples.back().seconds;
    for (double from = 0; from < end; from += bucketSeconds) {
        double bucketMax = 0;
        for (const Sample& s : m_samples)
            if (s.seconds >= from && s.seconds < from + bucketSeconds)
                bucketMax = std::max(bucketMax, s.rssMiB);
        lines << QStringLiteral("  %1-%2 s: median %3, max %4")
                     .arg(from, 0, 'f', 0)
                     .arg(std::min(from + bucketSeconds, end), 0, 'f', 0)
                     .arg(medianMiB(from, from + bucketSeconds), 0, 'f', 1)
                     .arg(bucketMax, 0, 'f', 1);
    }
    return lines.join(QLatin1Char('\n'));
}

}  // namespace convscope::tests
