#pragma once

#include <QImage>
#include <QObject>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace convscope::gui {

/// The image the user is working on, shared by every panel. Lives on the GUI thread; workers receive copies
/// of the cv::Mat header (the pixel buffer is reference-counted and never modified in place: setImage
/// replaces it), so a worker can keep reading the old image while a new one is being set.
class ImageDocument : public QObject {
    Q_OBJECT
public:
    explicit ImageDocument(QObject* parent = nullptr);

    /// `pixels` is CV_8UC1 or CV_8UC3 (BGR). `sourcePath` is empty for generated images.
    void setImage(const cv::Mat& pixels, const QString& sourcePath, const QString& displayName);

    bool isEmpty() const { return m_pixels.empty(); }
    const cv::Mat& pixels() const { return m_pixels; }
    /// The image as a QImage (Grayscale8 or BGR888) sharing nothing with `pixels`.
    const QImage& qimage() const { return m_qimage; }
    QString sourcePath() const { return m_path; }
    QString displayName() const { return m_name; }
    int width() const { return m_pixels.cols; }
    int height() const { return m_pixels.rows; }
    int channels() const { return m_pixels.channels(); }
    /// "R 12 G 34 B 56" or "12" for the pixel at (x, y); empty outside the image.
    QString pixelText(int x, int y) const;

Q_SIGNALS:
    void imageChanged();

private:
    cv::Mat m_pixels;
    QImage m_qimage;
    QString m_path;
    QString m_name;
};

}  // namespace convscope::gui
