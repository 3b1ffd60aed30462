#include "app/gui/imported/import_controller.h"

#include <QFileInfo>

#include <exception>
#include <variant>

#include "core/nn/imported/import_error.h"
#include "core/nn/imported/scripted_classifier.h"

namespace convscope::gui {

namespace {

using ImportOutcome = std::variant<ImportedModelInfo, QString>;

ImportOutcome loadImported(const ImportedModelEntry& entry) {
    const QString name = QFileInfo(QString::fromStdString(entry.options.file)).fileName();
    try {
        const nn::ScriptedClassifier model =
            nn::ScriptedClassifierImpl::load(entry.options.file, entry.options.inputShape);
        const nn::TrainConfig config = nn::importedConfig(entry.options, model->classes());
        ImportedModelInfo info;
        info.entry = entry;
        info.classes = model->classes();
        info.entry.classes = info.classes;
        // Every convolution before the learner's choice is applied: the dialog's default next time.
        info.entry.convolutions.clear();
        for (const std::string& tap : model->tapNames())
            info.entry.convolutions << QString::fromStdString(tap);
        info.entry.operations.clear();
        for (const std::string& op : model->operationNames())
            info.entry.operations << QString::fromStdString(op);
        try {
            model->setTaps(entry.options.taps);
        } catch (const nn::ImportError& e) {  // names the node the model lacks, not the file
            return QObject::tr("%1: %2").arg(name, QString::fromUtf8(e.what()));
        }
        info.inChannels = config.model.inChannels;
        info.inputSize = config.model.inputSize;
        for (const std::string& tap : model->tapNames()) info.taps << QString::fromStdString(tap);
        for (const std::string& c : config.classNames) info.classNames << QString::fromStdString(c);
        return info;
    } catch (const nn::ImportError& e) {
        return QString::fromUtf8(e.what());  // names the file already
    } catch (const std::invalid_argument& e) {
        return QObject::tr("%1: %2").arg(name, QString::fromUtf8(e.what()));
    } catch (const c10::Error& e) {
        return QString::fromStdString(nn::describeTorchFailure(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        return QObject::tr("%1 could not be opened: %2").arg(name, QString::fromUtf8(e.what()));
    }
}

}  // namespace

ImportController::ImportController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("model import"), 1, this) {
    qRegisterMetaType<ImportedModelInfo>();
}

ImportController::~ImportController() = default;

void ImportController::open(const ImportedModelEntry& entry) {
    const QString path = QString::fromStdString(entry.options.file);
    m_jobs.run(
        0, [entry](const JobToken&) { return loadImported(entry); },
        [this, path](ImportOutcome outcome) {
            if (auto* info = std::get_if<ImportedModelInfo>(&outcome))
                Q_EMIT opened(*info);
            else
                Q_EMIT failed(path, std::get<QString>(outcome));
        });
}

}  // namespace convscope::gui
