#pragma once

// For the Feature maps panel's test: a small Fashion-MNIST-format folder (IDX files of synthetic garments)
// and a LeNet-5 checkpoint trained on it by convscope-cli, so the test needs neither the Debian dataset nor
// LibTorch's headers.

#include <QByteArray>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QString>
#include <QVector>
#include <algorithm>
#include <random>

#include "tests/support/cli_runner.h"

namespace convscope::tests {

constexpr int kSide = 28;
constexpr int kTrainCount = 500;
constexpr int kTestCount = 40;

// An IDX file: 0, 0, 8 (unsigned bytes), the dimension count, big-endian uint32 sizes, then the bytes.
inline bool writeIdx(const QString& path, const QVector<quint32>& dims, const QByteArray& data) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return false;
    QDataStream s(&f);
    s.setByteOrder(QDataStream::BigEndian);
    s << quint8(0) << quint8(0) << quint8(8) << quint8(dims.size());
    for (quint32 d : dims) s << d;
    return f.write(data) == data.size();
}

// A garment-like picture whose shape depends on the class: a bright block on a dark background, plus noise.
inline QByteArray garment(int label, std::mt19937& rng) {
    QByteArray p(kSide * kSide, 0);
    std::uniform_int_distribution<int> noise(0, 40);
    const int top = 2 + label, height = 8 + 2 * (label % 4), left = 4 + (label % 5) * 2, width = 6 + label;
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) {
            const bool inside = y >= top && y < top + height && x >= left && x < left + width;
            p[y * kSide + x] = char(std::min(255, (inside ? 180 : 0) + noise(rng)));
        }
    return p;
}

struct SmallFashionMnist {
    QVector<QByteArray> testImages;  ///< kSide × kSide bytes each
    QVector<int> testLabels;         ///< test image i has label i % 10
    QString error;                   ///< empty on success
};

// kTrainCount training and kTestCount test images in `directory` (created), with the four files' names.
inline SmallFashionMnist writeSmallFashionMnist(const QString& directory) {
    SmallFashionMnist data;
    if (!QDir().mkpath(directory)) {
        data.error = QStringLiteral("cannot create ") + directory;
        return data;
    }
    std::mt19937 rng(7);
    QByteArray trainImages, trainLabels, testImages, testLabels;
    for (int i = 0; i < kTrainCount; ++i) {
        const int label = int(rng() % 10);
        trainImages += garment(label, rng);
        trainLabels += char(label);
    }
    for (int i = 0; i < kTestCount; ++i) {
        data.testImages << garment(i % 10, rng);
        data.testLabels << i % 10;
        testImages += data.testImages.back();
        testLabels += char(i % 10);
    }
    const QDir d(directory);
    const bool ok =
        writeIdx(d.filePath(QStringLiteral("train-images-idx3-ubyte")), {kTrainCount, kSide, kSide},
                 trainImages) &&
        writeIdx(d.filePath(QStringLiteral("train-labels-idx1-ubyte")), {kTrainCount}, trainLabels) &&
        writeIdx(d.filePath(QStringLiteral("t10k-images-idx3-ubyte")), {kTestCount, kSide, kSide},
                 testImages) &&
        writeIdx(d.filePath(QStringLiteral("t10k-labels-idx1-ubyte")), {kTestCount}, testLabels);
    if (!ok) data.error = QStringLiteral("cannot write the IDX files in ") + directory;
    return data;
}

// Trains LeNet-5 for one epoch with convscope-cli; returns what went wrong, or nothing.
inline QString trainLeNet(const QString& dataDirectory, const QString& checkpoint) {
    const clitest::Result train =
        clitest::runCli({QStringLiteral("train"), QStringLiteral("--model"), QStringLiteral("lenet5"),
                         QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--limit-train"),
                         QStringLiteral("500"), QStringLiteral("--limit-test"), QStringLiteral("100"),
                         QStringLiteral("--optimizer"), QStringLiteral("adam"), QStringLiteral("--lr"),
                         QStringLiteral("0.003"), QStringLiteral("--data"), dataDirectory,
                         QStringLiteral("--checkpoint"), checkpoint},
                        180000);
    if (train.exitCode != 0) return QStringLiteral("convscope-cli train failed: ") + train.err;
    if (!QFile::exists(checkpoint)) return QStringLiteral("convscope-cli train wrote no checkpoint");
    return {};
}

}  // namespace convscope::tests
