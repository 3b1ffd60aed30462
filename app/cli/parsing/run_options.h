#pragma once

#include <ostream>
#include <string>

#include "app/cli/parsing/argument_parser.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/train/train_config.h"

namespace convscope::cli {

/// The options that set up a new run, shared by lr-find (and meant for train): the model (addModelOptions),
/// the data (--data, addDataFolderOptions, --limit-train, --limit-test, --class-subset, --per-class), the
/// optimizer without its rate (--batch-size, --optimizer, --momentum, --weight-decay, --label-smoothing,
/// --augment,
/// --seed), the
/// machine (--device, --threads) and fine-tuning (--init, --freeze and the TorchScript import options).
void addRunOptions(ArgumentParser& parser);

/// A new run's settings from those options, read as train reads them (an --init checkpoint fixes the
/// architecture and input size; a TorchScript --init is the model). `command` names the command in
/// messages. The rate, schedule and epochs stay TrainConfig's defaults. UsageError for a bad command line.
nn::TrainConfig readRunConfig(const ArgumentParser& parser, const std::string& command);

/// --label-smoothing ε (0 ≤ ε < 1), or `fallback` without it; UsageError with one sentence out of range.
double readLabelSmoothing(const ArgumentParser& parser, double fallback);

/// The run's training and test sets: Fashion-MNIST (--data or Debian's folder) or --data-folder, which sets
/// the config's classes, folder and input normalisation as train does; a class subset sets the class count
/// unless --classes was given. Progress and the folder's report go to `info`. `dataDirectory` receives the
/// folder read.
void loadRunData(const ArgumentParser& parser, nn::TrainConfig& config, std::ostream& info,
                 nn::ImageDataset& train, nn::ImageDataset& test, std::string& dataDirectory);

}  // namespace convscope::cli
