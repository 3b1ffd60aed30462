#pragma once

// The process's resident set size, sampled once a second (from /proc/self/statm) into a CSV file, so that a
// long monkey run shows whether memory stays bounded.

#include <QFile>
#include <QString>
#include <QTimer>
#include <QVector>

#include <functional>

namespace convscope::tests {

class RssSampler {
public:
    struct Sample {
        double seconds = 0;
        qint64 events = 0;
        double rssMiB = 0;
    };

    /// `events` tells how many events the monkey has sent so far (a column of the CSV).
    RssSampler(const QString& csvPath, std::function<qint64()> events);
    /// Starts sampling (one sample at once, then one a second); returns false when the CSV cannot be written.
    bool start();
    void stop();

    const QVector<Sample>& samples() const { return m_samples; }
    /// "min … max … last …" in MiB, and a line per `bucketSeconds` (start of the bucket, median, max).
    QString summary(double bucketSeconds) const;
    /// The median RSS of the samples in [from, to) seconds; 0 when there are none.
    double medianMiB(double from, double to) const;
    static double currentRssMiB();

private:
    void sample();

    QFile m_file;
    std::function<qint64()> m_events;
    QTimer m_timer;
    qint64 m_startMs = 0;
    QVector<Sample> m_samples;
};

}  // namespace convscope::tests
