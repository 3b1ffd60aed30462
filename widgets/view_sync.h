#pragma once

#include <QObject>
#include <QPointF>
#include <QVector>

namespace convscope::widgets {

class ImageView;

/// Keeps the zoom and pan of several ImageViews equal: when the user moves one, the others follow.
class ViewSync : public QObject {
    Q_OBJECT
public:
    explicit ViewSync(QObject* parent = nullptr);
    void addView(ImageView* view);
    void removeView(ImageView* view);

private:
    void follow(ImageView* source, double zoom, const QPointF& center);
    QVector<ImageView*> m_views;
};

}  // namespace convscope::widgets
