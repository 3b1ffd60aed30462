#include "core/nn/train/checkpoint.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace convscope::nn {

namespace {

constexpr const char* kFormat = "convscope-checkpoint-1";

std::string historyText(const std::vector<EpochMetrics>& history) {
    std::ostringstream s;
    s.precision(17);
    for (const EpochMetrics& e : history) {
        s << e.epoch << ' ' << e.trainLoss << ' ' << e.trainAccuracy << ' ' << e.testLoss << ' '
          << e.testAccuracy << ' ' << e.seconds << ' ' << e.perClassAccuracy.size();
        for (double a : e.perClassAccuracy) s << ' ' << a;
        s << ' ' << e.confusion.size();
        for (std::int64_t c : e.confusion) s << ' ' << c;
        s << '\n';
    }
    return s.str();
}

// A number of the history as written: streams do not read back the "nan" they write for a class without
// test images (an empty class of an image folder, a small --limit-test), std::strtod does.
std::istream& readHistoryNumber(std::istream& in, double& value) {
    std::string token;
    if (!(in >> token)) return in;
    char* end = nullptr;
    value = std::strtod(token.c_str(), &end);
    if (end != token.c_str() + token.size()) in.setstate(std::ios::failbit);
    return in;
}

std::vector<EpochMetrics> parseHistory(const std::string& text) {
    std::vector<EpochMetrics> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::istringstream l(line);
        EpochMetrics e;
        std::size_t n = 0;
        l >> e.epoch >> e.trainLoss >> e.trainAccuracy >> e.testLoss >> e.testAccuracy >> e.seconds >> n;
        e.perClassAccuracy.resize(n);
        for (double& a : e.perClassAccuracy) readHistoryNumber(l, a);
        l >> n;
        e.confusion.resize(n);
        for (std::int64_t& c : e.confusion) l >> c;
        if (!l) throw CheckpointError("the checkpoint's metric history is damaged");
        out.push_back(std::move(e));
    }
    return out;
}

std::string describe(const ModelConfig& m) {
    return m.name + " (" + std::to_string(m.inChannels) + " input channels, " + std::to_string(m.classes) +
           " classes, stem " + toString(m.stem) + (m.block.empty() ? "" : ", " + m.block + " blocks") +
           (m.skip ? "" : ", no skip connections") + (m.batchNorm ? "" : ", no batch norm") + ")";
}

torch::serialize::InputArchive openArchive(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw CheckpointError(path + " does not exist or is not a file.");
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(path);
    } catch (const c10::Error&) {
        throw CheckpointError(path + " is not a ConvScope checkpoint, or it is damaged.");
    }
    c10::IValue format;
    if (!archive.try_read("format", format) || !format.isString() || format.toStringRef() != kFormat)
        throw CheckpointError(path + " is not a ConvScope checkpoint (a LibTorch archive of another kind).");
    return archive;
}

}  // namespace

void saveCheckpoint(const std::string& path, ClassifierImpl& model, torch::optim::Optimizer* optimizer,
                    const CheckpointState& state) {
    const std::string temporary = path + ".tmp";
    try {
        torch::serialize::OutputArchive archive;
        archive.write("format", c10::IValue(std::string(kFormat)));
        archive.write("config", c10::IValue(state.config.toText()));
        archive.write("epochs_done", c10::IValue(std::int64_t(state.epochsDone)));
        archive.write("step", c10::IValue(state.step));
        archive.write("history", c10::IValue(historyText(state.history)));
        torch::serialize::OutputArchive weights;
        model.save(weights);
        archive.write("model", weights);
        if (optimizer) {
            torch::serialize::OutputArchive opt;
            optimizer->save(opt);
            archive.write("optimizer", opt);
        }
        archive.save_to(temporary);
    } catch (const c10::Error& e) {
        std::remove(temporary.c_str());
        throw CheckpointError("The checkpoint could not be written to " + path + ": " +
                              e.what_without_backtrace());
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::remove(temporary.c_str());
        throw CheckpointError("The checkpoint could not be written to " + path + ": " + ec.message());
    }
}

CheckpointState readCheckpointState(const std::string& path) {
    torch::serialize::InputArchive archive = openArchive(path);
    CheckpointState s;
    try {
        c10::IValue v;
        archive.read("config", v);
        s.config = TrainConfig::fromText(v.toStringRef());
        archive.read("epochs_done", v);
        s.epochsDone = int(v.toInt());
        archive.read("step", v);
        s.step = v.toInt();
        archive.read("history", v);
        s.history = parseHistory(v.toStringRef());
    } catch (const c10::Error&) {
        throw CheckpointError(path + " is damaged: its training state cannot be read.");
    } catch (const std::invalid_argument&) {
        throw CheckpointError(path + " is damaged: its training settings cannot be read.");
    }
    return s;
}

void loadCheckpoint(const std::string& path, ClassifierImpl& model, torch::optim::Optimizer* optimizer,
                    const ModelConfig& expected) {
    const CheckpointState state = readCheckpointState(path);
    const ModelConfig& m = state.config.model;
    if (m.name != expected.name || m.inChannels != expected.inChannels || m.classes != expected.classes ||
        m.stem != expected.stem || m.block != expected.block || m.skip != expected.skip ||
        m.batchNorm != expected.batchNorm)
        throw CheckpointError(path + " holds " + describe(m) + ", not the " + describe(expected) +
                              " asked for.");
    torch::serialize::InputArchive archive = openArchive(path);
    try {
        torch::serialize::InputArchive weights;
        archive.read("model", weights);
        model.load(weights);
        if (optimizer) {
            torch::serialize::InputArchive opt;
            if (archive.try_read("optimizer", opt)) optimizer->load(opt);
        }
    } catch (const c10::Error&) {
        throw CheckpointError(path + " is damaged: its weights do not fit " + describe(expected) + ".");
    }
}

}  // namespace convscope::nn
