#pragma once

#include <QObject>
#include <QPointF>
#include <QVector>

namespace convscope::widgets {

class ImageView;

/// Keeps the zoom and pan of several ImageViews equal: when the user moves one, the others follow. Views may
/// differ in widget size: they share the zoom and the image point at their centre.
class ViewSync : public QObject {
    Q_OBJECT
public:
    explicit ViewSync(QObject* parent = nullptr);
    void addView(ImageView* view);
    void removeView(ImageView* view);

private:
    void follow(ImageView* source, double zoom, const QPointF& center);
    QVector<ImageView*> m_views;
    bool m_following = false;
};

}  // namespace convscope::widgets
