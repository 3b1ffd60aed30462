#pragma once

#include <QImage>
#include <QRectF>
#include <QSizeF>
#include <QString>

class QGraphicsScene;

namespace convscope::widgets {

/// Saving a whole diagram scene. Like plot_export, both write atomically (nothing is left behind on
/// failure), return false on failure and then put a sentence for the user into `error` (when given).

/// The scene's `source` rectangle as PNG at twice its size on white (crisp when printed or shown on a
/// high-density screen, recorded as 192 dpi). A diagram so tall that twice its size would pass 32,000
/// pixels or 64 megapixels is saved at the largest scale that stays within both.
bool saveDiagramPng(QGraphicsScene* scene, const QRectF& source, const QString& path,
                    QString* error = nullptr);
/// The scene's `source` rectangle as an SVG document of the same size, with `title` as its title.
bool saveDiagramSvg(QGraphicsScene* scene, const QRectF& source, const QString& title, const QString& path,
                    QString* error = nullptr);
/// The scene's `source` rectangle painted at `scale` on white; null when empty or too large for memory.
QImage renderDiagramImage(QGraphicsScene* scene, const QRectF& source, double scale);
/// The scale saveDiagramPng uses for a source of `size`: 2, or less for very large diagrams.
double diagramPngScale(const QSizeF& size);

}  // namespace convscope::widgets
