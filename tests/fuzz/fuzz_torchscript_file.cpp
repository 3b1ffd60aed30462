// libFuzzer target for the import feature's model file loader (core/nn/imported/): isTorchScriptModel, which
// the GUI asks of any file chosen or dropped, must answer without throwing; ScriptedClassifierImpl::load,
// which follows for a file it accepts, must give a model or refuse with ImportError. The input's first byte
// chooses how the file is made: 'R' the rest is the file itself; 'Z' the rest lists the archive's records
// ("name\ncontent", fuzz_records.h), written as a valid archive (fuzz_torch_archive.h) so that mutations
// reach the TorchScript code and the pickles rather than dying at the zip checksums.
//
// A TorchScript file is a program: load() compiles it and runs its forward once on a zero image. What it
// computes is the file's business; that a damaged file crashes or hangs the loader is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/imported/import_error.h"
#include "core/nn/imported/scripted_classifier.h"
#include "core/nn/imported/torchscript_file.h"
#include "fuzz_records.h"
#include "fuzz_temp_file.h"
#include "fuzz_torch_archive.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    torch::set_num_threads(1);  // one core per fuzzer: the machine runs two at a time
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using convscope::fuzz::FuzzTempDir;
    if (size == 0) return 0;
    const std::string path = FuzzTempDir::path() + "/model.pt";
    if (data[0] == 'Z') {
        if (!convscope::fuzz::writeTorchArchive(path, convscope::fuzz::splitRecords(data + 1, size - 1)))
            return -1;  // the writer refused: not a file anyone can hand to the loader
    } else {
        FuzzTempDir::write("model.pt", data + 1, size - 1);
    }
    if (!convscope::nn::isTorchScriptModel(path)) return 0;
    try {
        // The seeds' models take 1×8×8 images (tests/data/fuzz/make_fuzz_corpus.py).
        const auto model = convscope::nn::ScriptedClassifierImpl::load(path, {1, 8, 8});
        (void)model->describe();
    } catch (const convscope::nn::ImportError&) {
    }
    return 0;
}
