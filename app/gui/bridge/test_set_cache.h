#pragma once

#include <QString>
#include <memory>

#include "core/nn/data/image_dataset.h"
#include "core/nn/train/train_config.h"

namespace convscope::gui::bridge {

/// A test set read once and kept: Fashion-MNIST's (an empty folder means Debian's dataset-fashion-mnist) or
/// the test split of the image folder a run trained on. Used on one worker thread.
class TestSetCache {
public:
    /// The Fashion-MNIST test set in `directory`. When it cannot be read: with an empty `advice` the reader's
    /// exception as it is, else std::runtime_error "The Fashion-MNIST test set could not be read from DIR
    /// (reason). <advice>".
    const nn::ImageDataset& load(const QString& directory, const QString& advice = QString());
    /// The test images a run with settings `config` was evaluated on, as its model sees them: its image
    /// folder's test split (split with the run's fraction and seed, decoded at its size and channels) when it
    /// trained on a folder, else Fashion-MNIST's in `directory` (as load); then its class subset, relabelled
    /// 0 … k − 1 as the trainer did. Files that do not decode are left out, as in the run. Throws
    /// std::runtime_error with a sentence when the folder is gone or no longer holds the run's classes.
    const nn::ImageDataset& loadFor(const nn::TrainConfig& config, const QString& directory,
                                    const QString& advice = QString());
    /// The folder last asked for (resolved).
    QString directory() const { return m_directory; }

private:
    std::unique_ptr<nn::ImageDataset> m_test;
    QString m_directory;
    QString m_key;  ///< what m_test was read for: the folder, and for a run its split, size and classes
};

}  // namespace convscope::gui::bridge
