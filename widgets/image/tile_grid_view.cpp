#include "widgets/image/tile_grid_view.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace convscope::widgets {

namespace {
constexpr int kMargin = 12;
constexpr int kSpacing = 12;
constexpr int kTextPad = 6;
constexpr int kMaxTiles = 10000;  // guards setTile against absurd indices
}  // namespace

TileGridView::TileGridView(QWidget* parent) : QWidget(parent) {
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    // QScrollArea (widgetResizable) asks the size policy, not hasHeightForWidth(), whether to use it.
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Filter results"));
}

void TileGridView::setTiles(const QVector<Tile>& tiles) {
    m_tiles = tiles;
    m_thumbnails = QVector<QImage>(tiles.size());
    m_hovered = -1;
    m_pressed = -1;
    m_current = std::clamp(m_current, 0, std::max(0, int(m_tiles.size()) - 1));
    updateGeometry();
    update();
}

void TileGridView::setTile(int index, const Tile& tile) {
    if (index < 0 || index >= kMaxTiles) return;
    const int oldHeight = imageHeight();
    const int oldTextHeight = textHeight();
    if (index >= m_tiles.size()) {
        m_tiles.resize(index + 1);
        m_thumbnails.resize(index + 1);
    }
    m_tiles[index] = tile;
    m_thumbnails[index] = QImage();
    if (imageHeight() != oldHeight || textHeight() != oldTextHeight || index + 1 == m_tiles.size())
        updateGeometry();
    update();
}

QRect TileGridView::tileRect(int index) const {
    const QRect box = tileBox(index);
    return box.isNull() ? QRect() : QRect(box.topLeft(), QSize(m_tileWidth, imageHeight()));
}

void TileGridView::setTileWidth(int pixels) {
    pixels = std::clamp(pixels, 48, 1024);
    if (pixels == m_tileWidth) return;
    m_tileWidth = pixels;
    updateGeometry();
    update();
}

int TileGridView::columnsFor(int width) const {
    return std::max(1, (width - 2 * kMargin + kSpacing) / (m_tileWidth + kSpacing));
}

int TileGridView::imageHeight() const {
    // Every tile gets the shape of the first image, so the grid stays regular; all tiles of a run usually
    // show the same image size anyway.
    for (const Tile& tile : m_tiles) {
        if (!tile.image.isNull()) {
            const double h = double(m_tileWidth) * tile.image.height() / tile.image.width();
            return std::clamp(int(std::lround(h)), m_tileWidth / 4, m_tileWidth * 2);
        }
    }
    return m_tileWidth * 3 / 4;
}

int TileGridView::textHeight() const {
    QFont bold = font();
    bold.setBold(true);
    return kTextPad + QFontMetrics(bold).height() + 2 + subtitleLines() * fontMetrics().height() + kTextPad;
}

int TileGridView::subtitleLines() const {
    int lines = 1;
    for (const Tile& tile : m_tiles) lines = std::max(lines, int(tile.subtitle.count(QLatin1Char('\n'))) + 1);
    return lines;
}

int TileGridView::gridLeft() const {
    const int cols = std::min(columnsFor(width()), std::max(1, int(m_tiles.size())));
    const int used = cols * m_tileWidth + (cols - 1) * kSpacing;
    return kMargin + std::max(0, (width() - 2 * kMargin - used) / 2);
}

QRect TileGridView::tileBox(int index) const {
    if (index < 0 || index >= m_tiles.size()) return {};
    const int cols = columnsFor(width());
    const int row = index / cols;
    const int col = index % cols;
    return QRect(gridLeft() + col * (m_tileWidth + kSpacing), kMargin + row * (tileHeight() + kSpacing),
                 m_tileWidth, tileHeight());
}

int TileGridView::tileAt(const QPoint& pos) const {
    for (int i = 0; i < m_tiles.size(); ++i) {
        if (tileBox(i).contains(pos)) return i;
    }
    return -1;
}

int TileGridView::heightForWidth(int width) const {
    if (m_tiles.isEmpty()) return 2 * kMargin;
    const int cols = columnsFor(width);
    const int rows = (int(m_tiles.size()) + cols - 1) / cols;
    return 2 * kMargin + rows * tileHeight() + (rows - 1) * kSpacing;
}

QSize TileGridView::sizeHint() const {
    const int cols = std::clamp(int(m_tiles.size()), 1, 3);
    const int w = 2 * kMargin + cols * m_tileWidth + (cols - 1) * kSpacing;
    return {w, std::max(heightForWidth(w), 2 * kMargin + tileHeight())};
}

QSize TileGridView::minimumSizeHint() const {
    return {2 * kMargin + m_tileWidth, 2 * kMargin + tileHeight()};
}

const QImage& TileGridView::thumbnail(int index, const QSize& deviceSize) {
    QImage& cached = m_thumbnails[index];
    if (cached.size() != deviceSize) {
        const QImage& source = m_tiles[index].image;
        // Enlarged images keep crisp pixels (small inputs such as digits), reduced ones are filtered.
        const Qt::TransformationMode mode =
            deviceSize.width() > source.width() ? Qt::FastTransformation : Qt::SmoothTransformation;
        cached = source.scaled(deviceSize, Qt::IgnoreAspectRatio, mode);
    }
    return cached;
}

void TileGridView::paintEvent(QPaintEvent* event) {
    QPainter painter(this);
    const double dpr = devicePixelRatioF();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    const QFontMetrics fm = fontMetrics();
    const QColor highlight = palette().color(QPalette::Highlight);
    for (int i = 0; i < m_tiles.size(); ++i) {
        const QRect box = tileBox(i);
        if (!box.adjusted(-4, -4, 4, 4).intersects(event->rect())) continue;
        const Tile& tile = m_tiles[i];
        if (i == m_hovered || (hasFocus() && i == m_current)) {
            painter.save();
            painter.setRenderHint(QPainter::Antialiasing, true);
            QColor fill = highlight;
            fill.setAlpha(i == m_hovered ? 45 : 20);
            painter.setBrush(fill);
            painter.setPen(hasFocus() && i == m_current ? QPen(highlight, 2) : Qt::NoPen);
            painter.drawRoundedRect(QRectF(box).adjusted(-4, -4, 4, 4), 6, 6);
            painter.restore();
        }
        const QRect imageArea = tileRect(i);
        painter.fillRect(imageArea, QColor(0, 0, 0, 28));
        if (tile.image.isNull()) {
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(imageArea, Qt::AlignCenter, tr("computing…"));
        } else {
            const QSize fitted = tile.image.size().scaled(imageArea.size(), Qt::KeepAspectRatio);
            const QSize device(std::max(1, int(std::lround(fitted.width() * dpr))),
                               std::max(1, int(std::lround(fitted.height() * dpr))));
            const QRectF target(imageArea.x() + (imageArea.width() - fitted.width()) / 2.0,
                                imageArea.y() + (imageArea.height() - fitted.height()) / 2.0, fitted.width(),
                                fitted.height());
            painter.drawImage(target, thumbnail(i, device));
        }
        const int titleTop = imageArea.bottom() + 1 + kTextPad;
        painter.setFont(bold);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(box.x(), titleTop, box.width(), bfm.height()), Qt::AlignHCenter | Qt::AlignTop,
                         bfm.elidedText(tile.title, Qt::ElideRight, box.width()));
        painter.setFont(font());
        painter.setPen(palette().color(QPalette::PlaceholderText));
        int lineTop = titleTop + bfm.height() + 2;
        for (const QString& line : tile.subtitle.split(QLatin1Char('\n'))) {
            painter.drawText(QRect(box.x(), lineTop, box.width(), fm.height()),
                             Qt::AlignHCenter | Qt::AlignTop,
                             fm.elidedText(line, Qt::ElideRight, box.width()));
            lineTop += fm.height();
        }
    }
}

void TileGridView::setHovered(int index) {
    if (index == m_hovered) return;
    const int old = m_hovered;
    m_hovered = index;
    if (old >= 0) update(tileBox(old).adjusted(-6, -6, 6, 6));
    if (index >= 0) update(tileBox(index).adjusted(-6, -6, 6, 6));
    if (index >= 0)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
}

void TileGridView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        m_pressed = tileAt(event->position().toPoint());
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void TileGridView::mouseMoveEvent(QMouseEvent* event) {
    setHovered(tileAt(event->position().toPoint()));
    QWidget::mouseMoveEvent(event);
}

void TileGridView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const int index = tileAt(event->position().toPoint());
    const bool activate = index >= 0 && index == m_pressed;
    m_pressed = -1;
    if (activate) {
        m_current = index;
        update();
        Q_EMIT tileActivated(index);
    }
    event->accept();
}

void TileGridView::leaveEvent(QEvent* event) {
    setHovered(-1);
    QWidget::leaveEvent(event);
}

void TileGridView::keyPressEvent(QKeyEvent* event) {
    if (m_tiles.isEmpty()) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int cols = columnsFor(width());
    int next = m_current;
    switch (event->key()) {
        case Qt::Key_Left:
            next -= 1;
            break;
        case Qt::Key_Right:
            next += 1;
            break;
        case Qt::Key_Up:
            next -= cols;
            break;
        case Qt::Key_Down:
            next += cols;
            break;
        case Qt::Key_Home:
            next = 0;
            break;
        case Qt::Key_End:
            next = int(m_tiles.size()) - 1;
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Space:
            Q_EMIT tileActivated(m_current);
            event->accept();
            return;
        default:
            QWidget::keyPressEvent(event);
            return;
    }
    m_current = std::clamp(next, 0, int(m_tiles.size()) - 1);
    update();
    event->accept();
}

void TileGridView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    update();  // the number of columns may have changed
}

bool TileGridView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = tileAt(help->pos());
        if (index >= 0) {
            const Tile& tile = m_tiles[index];
            QString tip = tile.title;
            if (!tile.subtitle.isEmpty()) tip += QLatin1Char('\n') + tile.subtitle;
            QToolTip::showText(help->globalPos(), tip, this, tileBox(index));
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

}  // namespace convscope::widgets
