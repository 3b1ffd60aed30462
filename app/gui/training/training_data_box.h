#pragma once

#include <QGroupBox>
#include <QImage>
#include <QStringList>
#include <QVector>

#include <cstdint>

class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace convscope::gui {

class JobRunner;

/// What scanning an image folder found, for the form: its layout, classes and counts, the scan's warnings and
/// a few decoded images per class. Made off the GUI thread.
struct FolderPreview {
    QString folder;
    QString error;  ///< one sentence when the folder is not a data set
    QString layout;
    QStringList classNames;
    QVector<qint64> trainCounts, testCounts;
    QStringList warnings;
    QVector<QImage> thumbnails;
    QVector<int> thumbnailClasses;
};

/// The Training form's data source: Fashion-MNIST (the folder of its IDX files) or an image folder in
/// torchvision's ImageFolder layout. A chosen folder is scanned (core/nn/data/image_folder.h) and a few
/// images per class decoded (imaging::decodeDatasetImage) on a thread of its own; the box then shows the
/// layout, the classes with their training/test counts, the warnings and a grid of thumbnails.
class TrainingDataBox : public QGroupBox {
    Q_OBJECT
public:
    explicit TrainingDataBox(QWidget* parent = nullptr);
    ~TrainingDataBox() override;

    bool usesFolder() const;
    /// The image folder (empty for Fashion-MNIST).
    QString imageFolder() const;
    /// Chooses the image folder (empty: Fashion-MNIST) and scans it.
    void setImageFolder(const QString& folder);
    QString fashionDirectory() const;
    void setFashionDirectory(const QString& directory);
    /// A folder of class folders alone (no train/test folders): the share of each class kept for testing and
    /// the seed of the split (TrainConfig::testFraction, splitSeed). Editable only for such a folder.
    double testFraction() const;
    std::uint64_t splitSeed() const;
    /// Sets both (rescanning a chosen folder when they change).
    void setSplit(double testFraction, std::uint64_t splitSeed);

    const FolderPreview& preview() const { return m_preview; }
    QLabel* summaryLabel() const { return m_summary; }
    QLabel* warningLabel() const { return m_warning; }
    QDoubleSpinBox* testShareBox() const { return m_testShare; }
    QSpinBox* splitSeedBox() const { return m_splitSeed; }
    int thumbnailCount() const { return m_preview.thumbnails.size(); }

    /// Scans `folder` (a folder of class folders alone split with `testFraction` and `splitSeed`) and decodes
    /// up to `perClass` thumbnails of each class. Any thread.
    static FolderPreview scanFolder(const QString& folder, int perClass, double testFraction = 0.2,
                                    std::uint64_t splitSeed = 1);

Q_SIGNALS:
    void changed();
    /// A scan's result is on show.
    void previewReady();

private:
    void updateMode();
    void rescan();
    void showPreview(const FolderPreview& preview);

    QComboBox* m_source = nullptr;
    QLineEdit* m_fashion = nullptr;
    QLineEdit* m_folder = nullptr;
    QWidget* m_fashionRow = nullptr;
    QWidget* m_folderRow = nullptr;
    QDoubleSpinBox* m_testShare = nullptr;
    QSpinBox* m_splitSeed = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_warning = nullptr;
    QWidget* m_grid = nullptr;
    QGridLayout* m_gridLayout = nullptr;
    JobRunner* m_jobs = nullptr;
    FolderPreview m_preview;
};

}  // namespace convscope::gui
