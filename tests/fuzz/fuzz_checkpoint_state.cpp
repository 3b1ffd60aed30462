// libFuzzer target for the checkpoint state reader (core/nn/train/checkpoint.cpp, readCheckpointState, which
// the GUI and the CLI call on any file a user picks): every file must give a state or be refused with
// CheckpointError. The input's first byte chooses how the file is made:
//   'R' the rest is the file itself (the zip directory and LibTorch's loader);
//   'Z' the rest lists the archive's records, written as a valid archive (fuzz_torch_archive.h): the pickles;
//   anything else: ConvScope's fields, "format @@@@ config @@@@ epochs_done @@@@ step @@@@ history"
//       (fuzz_records.h), written with LibTorch's OutputArchive as saveCheckpoint does (a field that is an
//       integer is written as one, anything else as a string; missing fields are left out): the state's
//       parsers (TrainConfig::fromText, the metric history).
// The file goes to a folder in /dev/shm (fuzz_temp_file.h): the reader takes a path.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/train/checkpoint.h"
#include "fuzz_records.h"
#include "fuzz_temp_file.h"
#include "fuzz_torch_archive.h"

namespace {

using convscope::fuzz::FuzzTempDir;

// A field as saveCheckpoint would write it: decimal integers as integers, everything else as text.
c10::IValue fieldValue(const std::string& text) {
    if (!text.empty() && text.size() < 19 && text.find_first_not_of("-0123456789") == std::string::npos &&
        text.find('-', 1) == std::string::npos && text != "-")
        return c10::IValue(std::int64_t(std::stoll(text)));
    return c10::IValue(text);
}

bool writeFields(const std::string& path, const std::vector<std::string>& fields) {
    static const char* const names[] = {"format", "config", "epochs_done", "step", "history"};
    try {
        torch::serialize::OutputArchive archive;
        for (std::size_t i = 0; i < fields.size() && i < 5; ++i)
            archive.write(names[i], fieldValue(fields[i]));
        archive.save_to(path);
        return true;
    } catch (const c10::Error&) {
        return false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string path = FuzzTempDir::path() + "/input.ckpt";
    const char mode = char(data[0]);
    if (mode == 'R') {
        FuzzTempDir::write("input.ckpt", data + 1, size - 1);
    } else if (mode == 'Z') {
        if (!convscope::fuzz::writeTorchArchive(path, convscope::fuzz::splitRecords(data + 1, size - 1)))
            return -1;  // the writer refused: not a file the reader can ever see
    } else if (!writeFields(path, convscope::fuzz::splitRecords(data + 1, size - 1))) {
        return -1;
    }
    try {
        const convscope::nn::CheckpointState state = convscope::nn::readCheckpointState(path);
        (void)state;
    } catch (const convscope::nn::CheckpointError&) {
    }
    return 0;
}
