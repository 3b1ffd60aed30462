#include "app/gui/training/run_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTextStream>
#include <algorithm>

#include "core/common/corrupt_file.h"

namespace convscope::gui {

namespace {

// A run folder whose settings exist but cannot be read back (garbage, truncated by hand): not a run, but the
// user's files, so it is set aside rather than skipped forever or deleted. (config.txt is written with
// QSaveFile: a run being created is never seen half-written.)
bool damagedRun(const QString& directory) {
    QFile config(directory + QStringLiteral("/config.txt"));
    if (!config.open(QIODevice::ReadOnly | QIODevice::Text)) return false;
    try {
        nn::TrainConfig::fromText(QString::fromUtf8(config.readAll()).toStdString());
        return false;
    } catch (const std::exception&) {
        return true;
    }
}

void appendLine(const QString& path, const QJsonObject& object) {
    QFile f(path);
    if (!f.open(QIODevice::Append | QIODevice::Text)) return;
    f.write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    f.write("\n");
}

QJsonArray toArray(const QVector<double>& v) {
    QJsonArray a;
    for (double x : v) a.append(x);
    return a;
}

}  // namespace

QString RunStore::defaultDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/runs");
}

QString RunStore::titleFor(const nn::TrainConfig& c, const QDateTime& started) {
    QString title = QString::fromStdString(nn::modelTitle(c.model.name));
    if (c.model.name == "torchscript")  // the learner's own file: named by it
        title = QObject::tr("%1 (imported)").arg(QFileInfo(QString::fromStdString(c.model.file)).fileName());
    if (c.model.name.rfind("resnet", 0) == 0) {
        if (!nn::isCifarNetwork(c.model.name))  // their stem is fixed
            title += QObject::tr(", %1 stem").arg(QString::fromStdString(nn::toString(c.model.stem)));
        if (!c.model.block.empty())
            title += QObject::tr(", %1 blocks").arg(QString::fromStdString(c.model.block));
        if (!c.model.skip) title += QObject::tr(", no skips");
    }
    // The regularisation switches, so that runs with and without them can be told apart in the list.
    if (!c.model.batchNorm) title += QObject::tr(", no BN");
    if (c.model.dropout > 0.0) title += QObject::tr(", dropout %1").arg(c.model.dropout);
    if (c.labelSmoothing > 0.0) title += QObject::tr(", label smoothing %1").arg(c.labelSmoothing);
    title += c.epochs == 1 ? QObject::tr(", 1 epoch") : QObject::tr(", %1 epochs").arg(c.epochs);
    return title + QStringLiteral(" (") + started.toString(QStringLiteral("HH:mm")) + QLatin1Char(')');
}

RunRecord RunStore::create(const QString& runsDirectory, const nn::TrainConfig& config, QString* error) {
    RunRecord r;
    r.started = QDateTime::currentDateTime();
    QString id = r.started.toString(QStringLiteral("yyyy-MM-dd_HH-mm-ss_")) +
                 QString::fromStdString(config.model.name);
    QDir root(runsDirectory);
    for (int n = 2; root.exists(id); ++n)
        id = id.section(QLatin1Char('~'), 0, 0) + QStringLiteral("~%1").arg(n);
    if (!root.mkpath(id)) {
        if (error) *error = QObject::tr("The run's folder could not be created in %1.").arg(runsDirectory);
        return {};
    }
    r.id = id;
    r.directory = root.absoluteFilePath(id);
    r.configText = QString::fromStdString(config.toText());
    r.title = titleFor(config, r.started);
    r.status = QStringLiteral("running");
    QSaveFile file(r.directory + QStringLiteral("/config.txt"));
    if (file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        file.write(QStringLiteral("started=%1\n").arg(r.started.toString(Qt::ISODate)).toUtf8());
        file.write(r.configText.toUtf8());
        file.commit();
    }
    setStatus(r, r.status, {});
    return r;
}

void RunStore::appendBatch(const RunRecord& run, const BatchPoint& p) {
    appendLine(run.directory + QStringLiteral("/metrics.jsonl"),
               {{QStringLiteral("type"), QStringLiteral("batch")},
                {QStringLiteral("epoch"), p.epoch},
                {QStringLiteral("batch"), p.batch},
                {QStringLiteral("batches_per_epoch"), p.batchesPerEpoch},
                {QStringLiteral("step"), p.step},
                {QStringLiteral("loss"), p.loss},
                {QStringLiteral("accuracy"), p.accuracy},
                {QStringLiteral("lr"), p.learningRate},
                {QStringLiteral("images_per_second"), p.imagesPerSecond},
                {QStringLiteral("eta_seconds"), p.etaSeconds}});
}

void RunStore::appendEpoch(const RunRecord& run, const EpochPoint& e) {
    QJsonArray confusion;
    const int k = int(e.perClassAccuracy.size());
    for (int r = 0; r < k; ++r) {
        QJsonArray row;
        for (int c = 0; c < k; ++c) row.append(double(e.confusion.value(r * k + c)));
        confusion.append(row);
    }
    appendLine(run.directory + QStringLiteral("/metrics.jsonl"),
               {{QStringLiteral("type"), QStringLiteral("epoch")},
                {QStringLiteral("epoch"), e.epoch},
                {QStringLiteral("train_loss"), e.trainLoss},
                {QStringLiteral("train_accuracy"), e.trainAccuracy},
                {QStringLiteral("test_loss"), e.testLoss},
                {QStringLiteral("test_accuracy"), e.testAccuracy},
                {QStringLiteral("seconds"), e.seconds},
                {QStringLiteral("per_class_accuracy"), toArray(e.perClassAccuracy)},
                {QStringLiteral("confusion"), confusion}});
}

void RunStore::setStatus(const RunRecord& run, const QString& status, const QString& message) {
    QSaveFile file(run.directory + QStringLiteral("/status.txt"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return;
    file.write((status + QLatin1Char('\n') + message + QLatin1Char('\n')).toUtf8());
    file.commit();
}

RunRecord RunStore::load(const QString& directory) {
    RunRecord r;
    QFile config(directory + QStringLiteral("/config.txt"));
    if (!config.open(QIODevice::ReadOnly | QIODevice::Text)) return {};
    const QString text = QString::fromUtf8(config.readAll());
    nn::TrainConfig c;
    try {
        c = nn::TrainConfig::fromText(text.toStdString());
    } catch (const std::exception&) {
        return {};
    }
    r.directory = QDir(directory).absolutePath();
    r.id = QDir(directory).dirName();
    r.started = QDateTime::fromString(text.section(QLatin1Char('\n'), 0, 0).section(QLatin1Char('='), 1),
                                      Qt::ISODate);
    r.configText = QString::fromStdString(c.toText());
    r.title = titleFor(c, r.started);
    QFile status(directory + QStringLiteral("/status.txt"));
    if (status.open(QIODevice::ReadOnly | QIODevice::Text)) {
        const QStringList lines = QString::fromUtf8(status.readAll()).split(QLatin1Char('\n'));
        r.status = lines.value(0);
        r.message = lines.value(1);
    }
    QFile metrics(directory + QStringLiteral("/metrics.jsonl"));
    if (metrics.open(QIODevice::ReadOnly | QIODevice::Text)) {
        while (!metrics.atEnd()) {
            const QJsonObject o = QJsonDocument::fromJson(metrics.readLine()).object();
            if (o.value(QLatin1String("type")) == QLatin1String("batch")) {
                BatchPoint p;
                p.epoch = o.value(QLatin1String("epoch")).toInt();
                p.batch = o.value(QLatin1String("batch")).toInt();
                p.batchesPerEpoch = o.value(QLatin1String("batches_per_epoch")).toInt();
                p.step = o.value(QLatin1String("step")).toInteger();
                p.loss = o.value(QLatin1String("loss")).toDouble();
                p.accuracy = o.value(QLatin1String("accuracy")).toDouble();
                p.learningRate = o.value(QLatin1String("lr")).toDouble();
                p.imagesPerSecond = o.value(QLatin1String("images_per_second")).toDouble();
                p.etaSeconds = o.value(QLatin1String("eta_seconds")).toDouble();
                r.batches.push_back(p);
            } else if (o.value(QLatin1String("type")) == QLatin1String("epoch")) {
                EpochPoint e;
                e.epoch = o.value(QLatin1String("epoch")).toInt();
                e.trainLoss = o.value(QLatin1String("train_loss")).toDouble();
                e.trainAccuracy = o.value(QLatin1String("train_accuracy")).toDouble();
                e.testLoss = o.value(QLatin1String("test_loss")).toDouble();
                e.testAccuracy = o.value(QLatin1String("test_accuracy")).toDouble();
                e.seconds = o.value(QLatin1String("seconds")).toDouble();
                for (const QJsonValue& v : o.value(QLatin1String("per_class_accuracy")).toArray())
                    e.perClassAccuracy.push_back(v.toDouble());
                // toInteger, not qint64(toDouble()): a damaged count such as 1e300 made that cast undefined
                // (UBSan, tests/fuzz/fuzz_run_store); toInteger gives 0 for what no qint64 holds.
                for (const QJsonValue& row : o.value(QLatin1String("confusion")).toArray())
                    for (const QJsonValue& v : row.toArray()) e.confusion.push_back(v.toInteger());
                r.epochs.push_back(e);
            }
        }
    }
    // A run whose program ended without a final status was interrupted (the application closed or crashed).
    if (r.status == QLatin1String("running")) r.status = QStringLiteral("interrupted");
    return r;
}

QVector<RunRecord> RunStore::list(const QString& runsDirectory, QStringList* setAside) {
    QVector<RunRecord> runs;
    const QDir root(runsDirectory);
    for (const QString& name :
         root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed)) {
        if (name.contains(QLatin1String(".corrupt-"))) continue;
        RunRecord r = load(root.absoluteFilePath(name));
        if (!r.id.isEmpty()) {
            runs.push_back(std::move(r));
        } else if (damagedRun(root.absoluteFilePath(name))) {
            const common::CorruptFile::Outcome o = common::CorruptFile::setAside(
                root.absoluteFilePath(name).toStdString(), "The training run", "its config.txt is damaged");
            if (setAside) setAside->append(QString::fromStdString(o.message));
        }
    }
    return runs;
}

bool RunStore::remove(const RunRecord& run) {
    return !run.directory.isEmpty() && QDir(run.directory).removeRecursively();
}

}  // namespace convscope::gui
