// libFuzzer target for the training runs the application reads back at start-up (app/gui/training/
// run_store.cpp and run_store_instruments.cpp: RunStore::list, load and loadInstruments). A run's folder is
// made from the input, cut as in fuzz_records.h: "config.txt @@@@ status.txt @@@@ metrics.jsonl @@@@
// instruments.jsonl" (a missing part is a missing file). Any folder must be read or skipped, without a
// crash, an exception (these functions promise none) or a sanitizer report; and a run that is listed must
// have settings the Training panel can read again (it calls TrainConfig::fromText on them unguarded).
//
// CONVSCOPE_FUZZ_WRITE_SEED=FILE makes the target write a seed from a run the store itself wrote and exit
// (tests/data/fuzz/make_fuzz_corpus.py tells how the corpus was made).
#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/gui/training/run_store.h"
#include "core/nn/train/train_config.h"
#include "fuzz_fail.h"
#include "fuzz_records.h"
#include "fuzz_temp_file.h"

namespace {

using convscope::fuzz::FuzzTempDir;
const char* const kFiles[] = {"config.txt", "status.txt", "metrics.jsonl", "instruments.jsonl"};

[[noreturn]] void fail(const char* what) {
    convscope::fuzz::fail("fuzz_run_store", what);
}

QString runsDirectory() {
    return QString::fromStdString(FuzzTempDir::path() + "/runs");
}

// A run as the Training panel's worker writes it, its four files joined as the fuzzer's inputs are.
void writeSeed(const char* file) {
    using namespace convscope;
    gui::RunRecord run = gui::RunStore::create(runsDirectory(), nn::TrainConfig());
    if (run.id.isEmpty()) fail("cannot create a run for the seed");
    gui::BatchPoint b;
    b.epoch = 1;
    b.batch = 10;
    b.batchesPerEpoch = 20;
    b.step = 10;
    b.loss = 1.5;
    b.accuracy = 0.4;
    b.learningRate = 0.1;
    gui::RunStore::appendBatch(run, b);
    gui::EpochPoint e;
    e.epoch = 1;
    e.trainLoss = 1.2;
    e.testAccuracy = 0.5;
    e.perClassAccuracy = {0.5, 0.25};
    e.confusion = {3, 1, 2, 2};
    gui::RunStore::appendEpoch(run, e);
    gui::InstrumentFrame f;
    f.step = 10;
    f.epoch = 1;
    f.parameters = QStringList{QStringLiteral("conv.weight"), QStringLiteral("fc.bias")};
    f.parameterRanks = {4, 1};
    f.gradNorms = {0.5, 0.25};
    f.updateRatios = {1e-3, std::numeric_limits<double>::quiet_NaN()};
    f.weightParameters = f.parameters;
    f.weightNorms = {2.0, 0.0};
    f.reluTaps = QStringList{QStringLiteral("relu1")};
    f.deadRelu = {0.125};
    gui::InstrumentHistogram h;
    h.parameter = QStringLiteral("conv.weight");
    h.low = -1;
    h.high = 1;
    h.counts = {1, 2, 3};
    f.weightHistograms = {h};
    h.zeros = 4;
    f.gradHistograms = {h};
    gui::RunStore::appendInstruments(run, f);
    gui::RunStore::setStatus(run, QStringLiteral("finished"), QStringLiteral("Test accuracy 50%."));
    std::string seed;
    for (const char* name : kFiles) {
        QFile in(run.directory + QLatin1Char('/') + QLatin1String(name));
        if (!in.open(QIODevice::ReadOnly)) fail("a run file is missing");
        if (!seed.empty()) seed += convscope::fuzz::kRecordSeparator;
        seed += in.readAll().toStdString();
    }
    std::ofstream(file, std::ios::binary) << seed;
    std::exit(0);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    static QCoreApplication app(*argc, *argv);
    if (const char* seed = std::getenv("CONVSCOPE_FUZZ_WRITE_SEED")) writeSeed(seed);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convscope;
    const std::vector<std::string> parts = fuzz::splitRecords(data, size);
    // A fresh runs folder each time: list() sets a damaged run aside (renames its folder), which must not
    // pile up from one input to the next.
    const QString folder = runsDirectory() + QStringLiteral("/2026-01-01_00-00-00_fuzz");
    QDir(runsDirectory()).removeRecursively();
    QDir().mkpath(folder);
    for (std::size_t i = 0; i < 4 && i < parts.size(); ++i)
        FuzzTempDir::write("runs/2026-01-01_00-00-00_fuzz/" + std::string(kFiles[i]), parts[i]);
    try {
        // The instruments first: list() may set the folder aside.
        (void)gui::RunStore::loadInstruments(folder);
        QStringList setAside;
        const QVector<gui::RunRecord> runs = gui::RunStore::list(runsDirectory(), &setAside);
        for (const gui::RunRecord& r : runs) {
            try {
                (void)nn::TrainConfig::fromText(r.configText.toStdString());
            } catch (const std::invalid_argument&) {
                fail("a listed run's settings cannot be read again (TrainingPanel would throw)");
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz_run_store: exception escaped: %s\n", e.what());
        fail("an exception escaped the run store");
    }
    return 0;
}
