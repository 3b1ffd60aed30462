#pragma once

#include <QMenu>
#include <QString>

#include "core/imaging/test_patterns.h"

namespace convscope::gui {

/// File > Open Sample: the generated test patterns, then the photographs OpenCV ships (building.jpg, the
/// textbook's example, first). Choosing an entry only emits a request; the main window opens it.
class SampleMenu : public QMenu {
    Q_OBJECT
public:
    explicit SampleMenu(const QString& photoDirectory, QWidget* parent = nullptr);

Q_SIGNALS:
    void patternRequested(convscope::imaging::PatternKind kind);
    void imageRequested(const QString& path);

private:
    /// The images that ship with ConvScope (assets/images): a section per folder.
    void addAssetImages();
    void addPhotographs(const QString& photoDirectory);
};

}  // namespace convscope::gui
