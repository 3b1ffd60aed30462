#include "app/gui/convolution/conv_input_box.h"

#include <QComboBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>
#include <opencv2/core.hpp>

#include "app/gui/document/image_document.h"
#include "widgets/common/number_text.h"
#include "widgets/image/image_view.h"

namespace convscope::gui {

namespace {

QSpinBox* sideBox(int max) {
    auto* box = new QSpinBox;
    box->setRange(1, max);
    return box;
}

}  // namespace

ConvInputBox::ConvInputBox(const ImageDocument* document, QWidget* parent)
    : QGroupBox(tr("Input"), parent), m_document(document) {
    m_source = new QComboBox;
    m_source->setObjectName(QStringLiteral("convInputSource"));
    m_source->addItem(tr("Sequence 1, 2, 3, …"), static_cast<int>(ConvInputSource::Sequence));
    m_source->addItem(tr("Random digits 0–9"), static_cast<int>(ConvInputSource::Random));
    m_source->addItem(tr("Crop of the loaded image"), static_cast<int>(ConvInputSource::Image));
    m_source->addItem(tr("Typed values"), static_cast<int>(ConvInputSource::Custom));
    m_channels = sideBox(kMaxConvChannels);
    m_channels->setObjectName(QStringLiteral("convChannels"));
    m_height = sideBox(256);
    m_height->setObjectName(QStringLiteral("convHeight"));
    m_width = sideBox(256);
    m_width->setObjectName(QStringLiteral("convWidth"));
    m_edit = new QPushButton(tr("Edit values…"));
    m_picker = new widgets::ImageView;
    m_picker->setObjectName(QStringLiteral("convImagePicker"));
    m_picker->setMinimumHeight(150);
    m_picker->setPlaceholderText(tr("Open an image to pick a crop"));
    m_hint = new QLabel(tr("Click the image to choose the crop's centre."));
    m_hint->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Values"), m_source);
    form->addRow(tr("Channels"), m_channels);
    form->addRow(tr("Height"), m_height);
    form->addRow(tr("Width"), m_width);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_edit);
    layout->addWidget(m_hint);
    layout->addWidget(m_picker);

    connect(m_source, &QComboBox::currentIndexChanged, this, &ConvInputBox::onSourceChanged);
    for (QSpinBox* box : {m_channels, m_height, m_width})
        connect(box, &QSpinBox::valueChanged, this, [this] {
            refreshCrop();
            Q_EMIT changed();
        });
    connect(m_edit, &QPushButton::clicked, this, &ConvInputBox::editValues);
    connect(m_picker, &widgets::ImageView::clickedPixel, this, &ConvInputBox::pickImageSpot);
    if (m_document) connect(m_document, &ImageDocument::imageChanged, this, &ConvInputBox::onImageChanged);
    onImageChanged();
    onSourceChanged();
}

void ConvInputBox::fill(ConvLabSetup& setup) const {
    setup.source = static_cast<ConvInputSource>(m_source->currentData().toInt());
    setup.channels = m_channels->value();
    setup.height = m_height->value();
    setup.width = m_width->value();
    const bool ownValues = setup.source == ConvInputSource::Image || setup.source == ConvInputSource::Custom;
    setup.values = ownValues ? m_values : std::vector<double>{};
}

void ConvInputBox::show(const ConvLabSetup& setup) {
    const QSignalBlocker b1(m_source), b2(m_channels), b3(m_height), b4(m_width);
    m_source->setCurrentIndex(m_source->findData(static_cast<int>(setup.source)));
    m_channels->setValue(setup.channels);
    m_height->setValue(setup.height);
    m_width->setValue(setup.width);
    if (!setup.values.empty()) m_values = setup.values;
    const bool image = setup.source == ConvInputSource::Image;
    m_picker->setVisible(image);
    m_hint->setVisible(image);
    m_edit->setVisible(setup.source == ConvInputSource::Custom);
    refreshCrop();
}

void ConvInputBox::setFixedChannels(int fixed) {
    const QSignalBlocker block(m_channels);
    if (fixed >= 1) m_channels->setValue(fixed);
    m_channels->setEnabled(fixed < 1);
}

void ConvInputBox::onSourceChanged() {
    const auto source = static_cast<ConvInputSource>(m_source->currentData().toInt());
    const bool image = source == ConvInputSource::Image;
    m_picker->setVisible(image);
    m_hint->setVisible(image);
    m_edit->setVisible(source == ConvInputSource::Custom);
    if (source == ConvInputSource::Custom) {
        // Start from what is shown (1..N) so that typing changes a few numbers rather than all of them.
        const size_t n = static_cast<size_t>(m_channels->value()) * m_height->value() * m_width->value();
        if (m_values.size() != n) {
            m_values.resize(n);
            for (size_t i = 0; i < n; ++i) m_values[i] = static_cast<double>(i + 1);
        }
    }
    if (image && m_spot.x() < 0 && m_document && !m_document->isEmpty())
        m_spot = QPoint(m_document->width() / 2, m_document->height() / 2);
    refreshCrop();
    Q_EMIT changed();
}

void ConvInputBox::onImageChanged() {
    if (!m_document || m_document->isEmpty()) {
        m_picker->setImage(QImage());
        return;
    }
    m_picker->setImage(m_document->qimage());
    m_spot = QPoint(m_document->width() / 2, m_document->height() / 2);
    if (static_cast<ConvInputSource>(m_source->currentData().toInt()) == ConvInputSource::Image) {
        refreshCrop();
        Q_EMIT changed();
    }
}

void ConvInputBox::pickImageSpot(const QPoint& centre) {
    m_spot = centre;
    if (static_cast<ConvInputSource>(m_source->currentData().toInt()) != ConvInputSource::Image) {
        const QSignalBlocker block(m_source);
        m_source->setCurrentIndex(m_source->findData(static_cast<int>(ConvInputSource::Image)));
        m_picker->setVisible(true);
        m_hint->setVisible(true);
        m_edit->setVisible(false);
    }
    refreshCrop();
    Q_EMIT changed();
}

void ConvInputBox::refreshCrop() {
    const auto source = static_cast<ConvInputSource>(m_source->currentData().toInt());
    const int c = m_channels->value(), h = m_height->value(), w = m_width->value();
    if (source == ConvInputSource::Custom) {
        m_values.resize(static_cast<size_t>(c) * h * w, 0.0);
        return;
    }
    if (source != ConvInputSource::Image) return;
    m_values.assign(static_cast<size_t>(c) * h * w, 0.0);
    if (!m_document || m_document->isEmpty()) {
        m_hint->setText(tr("No image is loaded: the crop is all zeros."));
        return;
    }
    const cv::Mat& img = m_document->pixels();
    // The crop stays inside the image; its values are the stored 8-bit pixels (gray, or R, G, B planes).
    const int x0 = std::clamp(m_spot.x() - w / 2, 0, std::max(0, img.cols - w));
    const int y0 = std::clamp(m_spot.y() - h / 2, 0, std::max(0, img.rows - h));
    for (int ch = 0; ch < c; ++ch)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const int iy = y0 + y, ix = x0 + x;
                if (iy >= img.rows || ix >= img.cols) continue;
                double v = 0.0;
                if (img.channels() == 1) {
                    v = img.at<uchar>(iy, ix);
                } else {
                    const cv::Vec3b bgr = img.at<cv::Vec3b>(iy, ix);
                    v = c == 3 ? bgr[2 - ch] : 0.299 * bgr[2] + 0.587 * bgr[1] + 0.114 * bgr[0];
                    if (c != 3) v = std::round(v);
                }
                m_values[(static_cast<size_t>(ch) * h + y) * w + x] = v;
            }
    m_picker->setHighlight(QRect(x0, y0, std::min(w, img.cols), std::min(h, img.rows)));
    m_hint->setText(tr("Crop at x %1–%2, y %3–%4 (%5). Click the image to move it.")
                        .arg(x0)
                        .arg(x0 + w - 1)
                        .arg(y0)
                        .arg(y0 + h - 1)
                        .arg(c == 3 ? tr("R, G, B channels") : tr("gray values")));
}

void ConvInputBox::editValues() {
    const int c = m_channels->value(), h = m_height->value(), w = m_width->value();
    QString text;
    for (int ch = 0; ch < c; ++ch) {
        if (ch > 0) text += QLatin1Char('\n');
        for (int y = 0; y < h; ++y) {
            QStringList row;
            for (int x = 0; x < w; ++x)
                row << widgets::exactNumber(m_values[(static_cast<size_t>(ch) * h + y) * w + x]);
            text += row.join(QLatin1Char(' ')) + QLatin1Char('\n');
        }
    }
    bool ok = false;
    const QString edited = QInputDialog::getMultiLineText(
        this, tr("Input values"),
        tr("%1 rows of %2 numbers per channel; a blank line between channels.").arg(h).arg(w), text, &ok);
    if (!ok) return;
    std::vector<double> values;
    const QStringList tokens =
        edited.split(QRegularExpression(QStringLiteral("[\\s,;]+")), Qt::SkipEmptyParts);
    for (const QString& token : tokens) {
        const auto v = widgets::parseNumber(token);
        if (!v) {
            QMessageBox::warning(this, tr("Input values"),
                                 tr("“%1” is not a number. The values were not changed.").arg(token));
            return;
        }
        values.push_back(*v);
    }
    if (values.size() != static_cast<size_t>(c) * h * w) {
        QMessageBox::warning(this, tr("Input values"),
                             tr("Expected %1 numbers (%2×%3×%4) but found %5. The values were not changed.")
                                 .arg(c * h * w)
                                 .arg(c)
                                 .arg(h)
                                 .arg(w)
                                 .arg(values.size()));
        return;
    }
    m_values = std::move(values);
    Q_EMIT changed();
}

}  // namespace convscope::gui
