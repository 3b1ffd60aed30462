#include "core/nn/train/checkpoint.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "core/nn/train/checked_file_writer.h"

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
        // Each count is followed by that many numbers on the same line, so it cannot exceed the line's
        // length: a larger one is damage, and made the reader ask for any amount of memory (a count of 1e11
        // in a damaged file, found with tests/fuzz/fuzz_checkpoint_state's field mode).
        const auto countFits = [&l, &line](std::size_t count) { return l && count <= line.size(); };
        l >> e.epoch >> e.trainLoss >> e.trainAccuracy >> e.testLoss >> e.testAccuracy >> e.seconds >> n;
        if (!countFits(n)) throw CheckpointError("the checkpoint's metric history is damaged");
        e.perClassAccuracy.resize(n);
        for (double& a : e.perClassAccuracy) readHistoryNumber(l, a);
        l >> n;
        if (!countFits(n)) throw CheckpointError("the checkpoint's metric history is damaged");
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
    } catch (const std::exception&) {
        // c10::Error mostly; damaged TorchScript code in the archive throws torch::jit::ErrorReport, which is
        // no c10::Error (found by tests/fuzz/fuzz_checkpoint_state).
        throw CheckpointError(path + " is not a ConvScope checkpoint, or it is damaged.");
    }
    c10::IValue format;
    if (!archive.try_read("format", format) || !format.isString() || format.toStringRef() != kFormat)
        throw CheckpointError(path + " is not a ConvScope checkpoint (a LibTorch archive of another kind).");
    return archive;
}

// LibTorch's messages run over several lines (the C++ frame they came from): the user gets the first.
std::string firstLine(const std::string& text) {
    const std::string line = text.substr(0, text.find('\n'));
    return line.empty() ? std::string("write error") : line;
}

// Why a save failed, and what is left: the rename never happened, so the file at `path` (if any) is the
// previous checkpoint, untouched.
std::string failedSave(const std::string& path, const std::string& reason) {
    std::error_code ec;
    const bool previous = std::filesystem::is_regular_file(path, ec);
    return "The checkpoint could not be written to " + path + " (" + reason + "); " +
           (previous ? "the previous checkpoint there is kept." : "nothing was saved there.");
}

}  // namespace

void saveCheckpoint(const std::string& path, ClassifierImpl& model, torch::optim::Optimizer* optimizer,
                    const CheckpointState& state) {
    const std::string temporary = path + ".tmp";
    CheckedFileWriter file(temporary);
    if (!file.error().empty()) throw CheckpointError(failedSave(path, file.error()));
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
        // Through the writer, not save_to(temporary): see CheckedFileWriter.
        archive.save_to([&file](const void* data, std::size_t n) { return file.write(data, n); });
    } catch (const c10::Error& e) {
        file.finish();
        std::remove(temporary.c_str());
        throw CheckpointError(failedSave(path, firstLine(e.what_without_backtrace())));
    } catch (const std::exception&) {
        // Out of memory while serialising, say: the same promise, no temporary file left behind.
        file.finish();
        std::remove(temporary.c_str());
        throw;
    }
    // Flushed to the disk before it replaces the checkpoint.
    if (const std::string problem = file.finish(); !problem.empty()) {
        std::remove(temporary.c_str());
        throw CheckpointError(failedSave(path, problem));
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::remove(temporary.c_str());
        throw CheckpointError(failedSave(path, ec.message()));
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
    } catch (const CheckpointError&) {
        throw;
    } catch (const std::exception&) {
        // A missing field is torch::jit::ObjectAttributeError, which is no c10::Error (found by
        // tests/fuzz/fuzz_checkpoint_state: a LibTorch archive with the format but without "history").
        throw CheckpointError(path + " is damaged: its training state cannot be read.");
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
