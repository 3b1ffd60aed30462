#include "widgets/image/view_sync.h"

#include "widgets/image/image_view.h"

namespace convscope::widgets {

ViewSync::ViewSync(QObject* parent) : QObject(parent) {}

void ViewSync::addView(ImageView* view) {
    if (!view || m_views.contains(view)) return;
    m_views.push_back(view);
    connect(view, &ImageView::viewChanged, this,
            [this, view](double zoom, QPointF center) { follow(view, zoom, center); });
    // The view is half destroyed when `destroyed` fires, so only its address is used.
    connect(view, &QObject::destroyed, this, [this](QObject* object) {
        m_views.removeIf([object](ImageView* v) { return static_cast<QObject*>(v) == object; });
    });
}

void ViewSync::removeView(ImageView* view) {
    if (!m_views.removeOne(view)) return;
    disconnect(view, nullptr, this, nullptr);
}

void ViewSync::follow(ImageView* source, double zoom, const QPointF& center) {
    // setView does not emit viewChanged today; the guard keeps this safe should a view ever re-emit.
    if (m_following) return;
    m_following = true;
    for (ImageView* view : std::as_const(m_views)) {
        if (view != source) view->setView(zoom, center);
    }
    m_following = false;
}

}  // namespace convscope::widgets
