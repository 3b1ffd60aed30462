#include "app/cli/commands/command_embed.h"

#include <iomanip>
#include <iostream>

#include "app/cli/output/json_writer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/checkpoint_test_set.h"
#include "app/cli/parsing/data_folder_input.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/embedding/knn_accuracy.h"
#include "core/embedding/pca.h"
#include "core/embedding/tsne.h"
#include "core/nn/embed/embedding_activations.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/device_choice.h"

namespace convscope::cli {

namespace {

// "A:B" → [A, B) with 0 ≤ A < B.
std::pair<long long, long long> parseEmbedIndices(const std::string& text) {
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos)
        throw UsageError("--indices: give A:B, the test images A up to (not including) B");
    const long long a = parseInteger("--indices", text.substr(0, colon), 0, 1LL << 40);
    const long long b = parseInteger("--indices", text.substr(colon + 1), 0, 1LL << 40);
    if (b <= a) throw UsageError("--indices " + text + ": B must be larger than A");
    return {a, b};
}

embedding::PointSet embedPointSet(const nn::EmbeddingActivations& a) {
    embedding::PointSet p(a.count, a.dims);
    std::copy(a.values.begin(), a.values.end(), p.values.begin());
    return p;
}

}  // namespace

std::string EmbedCommand::summary() const {
    return "Project test images' activations to 2-D (PCA or t-SNE): what the network separates";
}

std::string EmbedCommand::help() const {
    return "Usage: convscope-cli embed --checkpoint FILE --indices A:B --method pca|tsne [--tap TAP]\n"
           "         [--perplexity P] [--seed N] [--iterations N] [--init random|pca] [--k K]\n"
           "         [--data DIR | --data-folder DIR ...] [--threads T] [--json]\n"
           "\n"
           "Runs the checkpoint's model in evaluation mode on test images A … B−1 and keeps each image's\n"
           "activation at one tap point: by default the penultimate layer (the last tap before the logits:\n"
           "a ResNet's last block, LeNet-5's fc2), --tap TAP for another (describe lists them). A map\n"
           "C×H×W is averaged over H×W (global average pooling), so each image is a point in C dimensions.\n"
           "The points are projected to 2-D:\n"
           "  pca   the first two principal components of the centred activations.\n"
           "  tsne  t-SNE: Gaussian affinities at --perplexity P (default 30; each point's bandwidth by\n"
           "        bisection to 1e-5 on the entropy), symmetrised; Student-t similarities in 2-D; early\n"
           "        exaggeration 12 for 250 iterations with momentum 0.5, then 0.8; learning rate\n"
           "        max(N/48, 50); --iterations N (default 1000); the exact gradient up to 2,000 points,\n"
           "        Barnes–Hut (θ = 0.5, over the ⌊3P⌋ nearest neighbours) beyond. --init random (default:\n"
           "        N(0, 10⁻⁴) from --seed N, default 1) or pca. The same arguments give the same points.\n"
           "--k K   the neighbours of the leave-one-out kNN accuracy (default 5), reported in the 2-D\n"
           "        embedding and in the activations' own space.\n"
           "\n"
           "The test set is evaluate's: Fashion-MNIST's (--data DIR, Debian's dataset-fashion-mnist by\n"
           "default), the folder named by a checkpoint trained on a folder (its test files, split as in\n"
           "training) or --data-folder DIR; a run trained on a class subset sees those classes, relabelled\n"
           "as in its training. With --json the folder's report goes to stderr.\n"
           "\n"
           "Output: a summary and one line per image (index, label, x, y), or with --json one object:\n"
           "indices ([A, B]), method, tap, dims (the activations' dimension), points ([x, y] per image),\n"
           "labels, class_names, knn_k, knn_accuracy (in 2-D), knn_accuracy_original (in the activations'\n"
           "space); pca: explained_variance_ratio (every component's share of the centred activations'\n"
           "variance, largest first); tsne: perplexity, iterations, seed, init, learning_rate, barnes_hut,\n"
           "kl_divergence (KL(P‖Q) at the end).\n"
           "Bad requests print one line and exit with status 2.\n"
           "\n" +
           dataFolderHelp();
}

int EmbedCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    for (const char* o : {"--checkpoint", "--indices", "--method", "--tap", "--perplexity", "--seed",
                          "--iterations", "--init", "--k", "--data", "--threads"})
        parser.addOption(o);
    addDataFolderOptions(parser);
    parser.addFlag("--json");
    parser.parse(args);
    if (!parser.positionals().empty()) throw UsageError("embed takes no positional arguments");
    const auto path = parser.value("--checkpoint");
    if (!path) throw UsageError("embed needs --checkpoint FILE");
    const auto indicesText = parser.value("--indices");
    if (!indicesText) throw UsageError("embed needs --indices A:B (the test images A … B−1)");
    const auto [first, last] = parseEmbedIndices(*indicesText);
    const std::string method = parser.value("--method").value_or("");
    if (method != "pca" && method != "tsne") throw UsageError("embed needs --method pca or --method tsne");
    const bool tsne = method == "tsne";
    for (const char* o : {"--perplexity", "--seed", "--iterations", "--init"})
        if (!tsne && parser.has(o)) throw UsageError(std::string(o) + " is for --method tsne");
    embedding::TsneOptions options;
    if (const auto v = parser.value("--perplexity")) {
        options.perplexity = parseNumber("--perplexity", *v);
        if (!(options.perplexity > 0.0)) throw UsageError("--perplexity must be positive");
    }
    options.seed = parser.has("--seed") ? parseUnsigned("--seed", *parser.value("--seed")) : 1;
    options.iterations = int(readIntegerOption(parser, "--iterations", 1000, 1, 1000000));
    const std::string init = parser.value("--init").value_or("random");
    if (init != "random" && init != "pca") throw UsageError("--init: choose random or pca");
    options.init = init == "pca" ? embedding::TsneInit::Pca : embedding::TsneInit::Random;
    const int k = int(readIntegerOption(parser, "--k", 5, 1, 1000));
    const long long count = last - first;
    if (tsne && options.perplexity > double(count - 1))
        throw UsageError("--perplexity " + JsonWriter::number(options.perplexity) + " needs more than " +
                         JsonWriter::number(options.perplexity + 1) + " images; --indices gives " +
                         std::to_string(count));
    if (count <= k)
        throw UsageError("--indices gives " + std::to_string(count) + " images: the kNN accuracy with --k " +
                         std::to_string(k) + " needs at least " + std::to_string(k + 1));
    if (count < 3) throw UsageError("embed needs at least 3 images");

    const nn::CheckpointState state = nn::readCheckpointState(*path);
    const nn::TrainConfig& trained = state.config;
    const nn::DeviceChoice device =
        nn::chooseDevice("cpu", int(readIntegerOption(parser, "--threads", 0, 0, 256)));
    const nn::Classifier model = nn::makeModel(trained.model);
    nn::loadCheckpoint(*path, *model, nullptr, trained.model);
    model->to(device.device);
    // The test set as evaluate chooses it; the images past B are not needed.
    const nn::ImageDataset test =
        checkpointTestSet(parser, *path, trained, last, parser.has("--json") ? std::cerr : out);
    if (last > test.size())
        throw UsageError("--indices " + *indicesText + " goes past the test set's " +
                         std::to_string(test.size()) + " images");
    const nn::ImageDataset images{test.images.narrow(0, first, count), test.labels.narrow(0, first, count),
                                  test.classNames};
    nn::EmbeddingActivations activations;
    try {
        activations = nn::embeddingActivations(*model, images, trained.input, device.device,
                                               parser.value("--tap").value_or(""));
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    const embedding::PointSet points = embedPointSet(activations);

    embedding::PointSet projected;
    std::vector<double> ratios;
    embedding::TsneResult tsneResult;
    if (tsne) {
        tsneResult = embedding::tsne(points, options);
        projected = tsneResult.embedding;
    } else {
        if (activations.dims < 2)
            throw UsageError("the tap " + activations.tap + " has a single channel: PCA needs two");
        embedding::PcaResult p = embedding::pca(points, 2);
        projected = std::move(p.projected);
        ratios = std::move(p.explainedVarianceRatio);
    }
    const double knn2d = embedding::knnAccuracy(projected, activations.labels, k);
    const double knnOriginal = embedding::knnAccuracy(points, activations.labels, k);

    if (parser.has("--json")) {
        JsonWriter json(out);
        json.beginObject();
        json.key("indices").beginArray().value(first).value(last).endArray();
        json.key("method").value(method);
        json.key("tap").value(activations.tap);
        json.key("dims").value(activations.dims);
        json.key("points").beginArray();
        for (int i = 0; i < projected.count; ++i)
            json.beginArray().value(projected.at(i, 0)).value(projected.at(i, 1)).endArray();
        json.endArray();
        json.key("labels").integers(activations.labels);
        json.key("class_names").beginArray();
        for (const std::string& c : test.classNames) json.value(c);
        json.endArray();
        json.key("knn_k").value(k);
        json.key("knn_accuracy").value(knn2d);
        json.key("knn_accuracy_original").value(knnOriginal);
        if (tsne) {
            json.key("perplexity").value(options.perplexity);
            json.key("iterations").value(tsneResult.iterations);
            json.key("seed").value(static_cast<long long>(options.seed));
            json.key("init").value(init);
            json.key("learning_rate").value(tsneResult.learningRate);
            json.key("barnes_hut").value(tsneResult.barnesHut);
            json.key("kl_divergence").value(tsneResult.klDivergence);
        } else {
            json.key("explained_variance_ratio").numbers(ratios);
        }
        json.endObject();
        out << "\n";
        return 0;
    }
    out << "checkpoint: " << *path << " (" << nn::modelTitle(trained.model.name) << ")\n";
    out << "images:     " << first << " … " << last - 1 << " (" << count << "), tap " << activations.tap
        << ", " << activations.dims << " dimensions\n";
    out << std::setprecision(4);
    if (tsne)
        out << "t-SNE:      perplexity " << options.perplexity << ", " << tsneResult.iterations
            << " iterations" << (tsneResult.barnesHut ? " (Barnes–Hut)" : " (exact)") << ", KL "
            << tsneResult.klDivergence << "\n";
    else
        out << "PCA:        explained variance " << 100.0 * ratios[0] << "% + " << 100.0 * ratios[1] << "%\n";
    out << "kNN (k=" << k << "): " << 100.0 * knn2d << "% in 2-D, " << 100.0 * knnOriginal << "% in "
        << activations.dims << "-D\n";
    out << "index label x y\n";
    for (int i = 0; i < projected.count; ++i)
        out << first + i << " " << activations.labels[std::size_t(i)] << " " << projected.at(i, 0) << " "
            << projected.at(i, 1) << "\n";
    return 0;
}

}  // namespace convscope::cli
