#pragma once

#include <QString>
#include <QWidget>

#include "app/gui/imported/import_controller.h"

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QToolButton;

namespace convscope::gui {

class ModelImportFlow;

/// The Feature maps panel's choices: which image (a Fashion-MNIST test image by number, or the open image
/// converted to a model input) and which model (the run being trained, or a saved checkpoint). Emits
/// changed() for every choice that alters what should be computed, including those made through the
/// setters; the panel coalesces them into one request. A TorchScript model chosen with Browse… goes through
/// the import dialog first (File ▸ Open Model…'s), as its input shape and normalisation must be given.
class FeatureSourceBox : public QWidget {
    Q_OBJECT
public:
    enum class Image { TestImage, OpenImage };
    enum class Model { Live, Checkpoint };

    explicit FeatureSourceBox(QWidget* parent = nullptr);

    Image image() const;
    void setImage(Image image);
    int testIndex() const;
    void setTestIndex(int index);
    static constexpr int kLastTestIndex = 9999;

    Model model() const;
    void setModel(Model model);
    QString checkpointPath() const;
    /// Sets the path and chooses the checkpoint as the model; emits changed() even for the same path.
    void setCheckpointPath(const QString& path);
    /// A file the learner chose (Browse…): a TorchScript model, told by its content whatever its name, goes
    /// through the import dialog and is shown once it loads (modelImported, or importFailed with the
    /// reason); anything else is taken as a checkpoint.
    void chooseModelFile(const QString& path);
    void setLiveAvailable(bool available);
    bool isLiveAvailable() const { return m_liveAvailable; }

    /// The description of the open image's conversion (FeatureFrame::source), shown under its choice.
    void setConversionText(const QString& text);
    /// While the live model is chosen the trainer picks the image; `text` says which one.
    void setLiveImageText(const QString& text);

    QSpinBox* indexSpin() const { return m_index; }
    QToolButton* previousButton() const { return m_previous; }
    QToolButton* nextButton() const { return m_next; }
    QRadioButton* testImageButton() const { return m_testImage; }
    QRadioButton* openImageButton() const { return m_openImage; }
    QRadioButton* liveButton() const { return m_live; }
    QRadioButton* checkpointButton() const { return m_checkpoint; }
    QLineEdit* checkpointEdit() const { return m_path; }
    QLabel* conversionLabel() const { return m_conversion; }

Q_SIGNALS:
    void changed();
    /// A TorchScript file chosen here opened (the path is already set).
    void modelImported(const convscope::gui::ImportedModelInfo& info);
    /// `message`: one sentence naming the file; the model chosen before stays.
    void importFailed(const QString& message);

private:
    void browse();
    void updateEnabled();

    QRadioButton* m_testImage = nullptr;
    QRadioButton* m_openImage = nullptr;
    QSpinBox* m_index = nullptr;
    QToolButton* m_previous = nullptr;
    QToolButton* m_next = nullptr;
    QLabel* m_conversion = nullptr;
    QLabel* m_liveImage = nullptr;
    QRadioButton* m_live = nullptr;
    QRadioButton* m_checkpoint = nullptr;
    QLineEdit* m_path = nullptr;
    QPushButton* m_browse = nullptr;
    QString m_lastPath;
    ModelImportFlow* m_import = nullptr;  ///< made on the first TorchScript file chosen
    bool m_liveAvailable = false;
};

}  // namespace convscope::gui
