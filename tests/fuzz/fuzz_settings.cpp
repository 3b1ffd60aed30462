// libFuzzer target for the settings the application reads back at start-up: the input is ConvScope.ini
// (QSettings' INI format, with its @ByteArray and @Variant values), read through every typed settings class
// (app/gui/shell/app_settings.cpp, app/gui/support/panel_settings.cpp, each panel's *_panel_state.cpp and
// app/gui/imported/imported_model_store.cpp). A hand-edited, outdated or damaged file must give values or
// fallbacks, never a crash, an exception (none is documented) or a sanitizer report; the values with
// documented ranges must be within them.
//
// The process gets a home of its own under /dev/shm (HOME and the XDG folders), so no real settings are
// read or touched. CONVSCOPE_FUZZ_WRITE_SEED=FILE writes a seed from every class's own save() and exits.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "app/gui/architecture/architecture_panel_state.h"
#include "app/gui/explain/explain_panel_state.h"
#include "app/gui/features/feature_maps_panel_state.h"
#include "app/gui/filters/filters_panel_state.h"
#include "app/gui/frequency/frequency_panel_state.h"
#include "app/gui/imported/imported_model_store.h"
#include "app/gui/shell/app_settings.h"
#include "app/gui/support/settings_file.h"
#include "app/gui/support/settings_recovery.h"
#include "app/gui/training/training_panel_state.h"
#include "core/nn/train/train_config.h"
#include "fuzz_fail.h"
#include "fuzz_temp_file.h"

namespace {

using convscope::fuzz::FuzzTempDir;
// The imported model the seed remembers (ImportedModelStore keys entries by a hash of the path).
const QString kImportedModel = QStringLiteral("/fuzz/models/net.pt");

[[noreturn]] void fail(const char* what) {
    convscope::fuzz::fail("fuzz_settings", what);
}

QString iniPath() {
    static const QString path = convscope::gui::SettingsFile().fileName();
    return path;
}

void writeSeed(const char* file) {
    using namespace convscope;
    gui::AppSettings s;
    s.setWindowGeometry(QByteArray("\x01\xd9\xd0\xcb\x00\x03\x00\x00", 8));
    s.setCurrentPanel(2);
    s.setRecentFiles({QStringLiteral("/home/a/cat.png"), QStringLiteral("/home/a/dog, 2.jpg")});
    s.setLastDirectory(QStringLiteral("/home/a"));
    s.setLastImage(QStringLiteral("/home/a/cat.png"));
    s.setPatternParams(imaging::PatternParams());
    s.setFilterPreset(QStringLiteral("gaussian"));
    s.setFilterParams({{QStringLiteral("sigma"), 1.5}, {QStringLiteral("size"), 5}});
    s.setCustomKernel(2, 2, {1.0, -1.0, 0.5, 0.25});
    s.setSplitPosition(0.25);
    s.setConvolutionSpeed(4.0);
    gui::FiltersPanelState filters = gui::FiltersPanelState::load();
    filters.controlsSplitter = QByteArray("\x00\x00\x00\xff", 4);
    filters.save();
    gui::FrequencyPanelState frequency;
    frequency.ownCustom = common::Kernel(1, 3, {1.0, 0.0, -1.0});
    frequency.save();
    gui::ArchitecturePanelState().save();
    gui::FeatureMapsPanelState features;
    features.checkpoint = QStringLiteral("/home/a/run.ckpt");
    features.save();
    gui::ExplainPanelState().save();
    gui::TrainingPanelState training;
    training.preset = QStringLiteral("custom");
    training.configText = QString::fromStdString(nn::TrainConfig().toText());
    training.save();
    gui::ImportedModelEntry entry;
    entry.options.file = kImportedModel.toStdString();
    entry.options.inputShape = {1, 8, 8};
    entry.options.mean = {0.5};
    entry.options.stdev = {0.25};
    entry.options.classNames = {"a", "b"};
    entry.classes = 2;
    entry.operations = QStringList{QStringLiteral("conv1"), QStringLiteral("fc")};
    gui::ImportedModelStore::remember(entry);
    gui::SettingsFile().sync();
    QFile::remove(QString::fromLocal8Bit(file));
    if (!QFile::copy(iniPath(), QString::fromLocal8Bit(file))) fail("cannot copy the seed");
    std::exit(0);
}

template <typename T>
void inRange(T value, T low, T high, const char* what) {
    if (!(value >= low && value <= high)) fail(what);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    const std::string home = FuzzTempDir::path() + "/home";
    for (const char* sub : {"/.config", "/.local/share", "/.cache"})
        QDir().mkpath(QString::fromStdString(home + sub));
    setenv("HOME", home.c_str(), 1);
    setenv("XDG_CONFIG_HOME", (home + "/.config").c_str(), 1);
    setenv("XDG_DATA_HOME", (home + "/.local/share").c_str(), 1);
    setenv("XDG_CACHE_HOME", (home + "/.cache").c_str(), 1);
    static QCoreApplication app(*argc, *argv);
    QDir().mkpath(QFileInfo(iniPath()).absolutePath());
    if (const char* seed = std::getenv("CONVSCOPE_FUZZ_WRITE_SEED")) writeSeed(seed);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convscope::gui;
    {
        QFile ini(iniPath());
        if (!ini.open(QIODevice::WriteOnly | QIODevice::Truncate)) fail("cannot write the settings file");
        ini.write(reinterpret_cast<const char*>(data), qint64(size));
    }
    try {
        // As MainWindow does at start: a file that does not parse is set aside first.
        (void)setAsideCorruptSettings();
        const AppSettings s;
        (void)s.windowGeometry();
        (void)s.windowState();
        (void)s.currentPanel();
        (void)s.recentFiles();
        (void)s.lastDirectory();
        (void)s.lastImage();
        (void)s.patternParams();
        (void)s.filterPreset();
        (void)s.filterParams();
        (void)s.customKernelRows();
        (void)s.customKernelCols();
        (void)s.customKernelValues();
        (void)s.correlationMode();
        (void)s.borderMode();
        (void)s.signedDisplay();
        (void)s.grayscale();
        (void)s.stretch();
        (void)s.filterViewMode();
        (void)s.splitPosition();
        (void)s.filtersSplitterState();
        (void)s.convolutionMode();
        (void)s.convolutionPage();
        (void)s.convolutionSpeed();

        const FiltersPanelState filters = FiltersPanelState::load();
        inRange(filters.viewMode, 0, 2, "Filters view mode out of range");
        const FrequencyPanelState frequency = FrequencyPanelState::load();
        inRange(frequency.page, 0, 2, "Frequency page out of range");
        inRange(frequency.scale, 0, 2, "Frequency scale out of range");
        const ArchitecturePanelState architecture = ArchitecturePanelState::load();
        inRange(architecture.inChannels, 1, 64, "Architecture channels out of range");
        inRange(architecture.page, 0, 3, "Architecture page out of range");
        (void)FeatureMapsPanelState::load();
        (void)ExplainPanelState::load();
        const TrainingPanelState training = TrainingPanelState::load();
        try {  // as TrainingPanel::restoreState does
            (void)convscope::nn::TrainConfig::fromText(training.configText.toStdString());
        } catch (const std::invalid_argument&) {
        }
        (void)ImportedModelStore::find(kImportedModel);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz_settings: exception escaped: %s\n", e.what());
        fail("an exception escaped a settings class");
    }
    return 0;
}
