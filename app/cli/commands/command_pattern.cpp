#include "app/cli/commands/command_pattern.h"

#include <map>
#include <set>

#include "app/cli/output/output_path.h"
#include "app/cli/output/stderr_silencer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/imaging/image_loader.h"
#include "core/imaging/test_patterns.h"

namespace convscope::cli {

namespace {

constexpr int kMaxPatternSide = 16384;

// Which options shape which pattern: an option that a pattern ignores is refused rather than silently
// dropped, so nobody believes they changed the picture.
const std::map<imaging::PatternKind, std::set<std::string>>& patternOptions() {
    static const std::map<imaging::PatternKind, std::set<std::string>> options{
        {imaging::PatternKind::ZonePlate, {"--max-frequency"}},
        {imaging::PatternKind::Checkerboard, {"--cell"}},
        {imaging::PatternKind::StepEdges, {"--steps"}},
        {imaging::PatternKind::Grating, {"--frequency", "--angle"}},
        {imaging::PatternKind::Impulse, {}},
        {imaging::PatternKind::WhiteNoise, {"--seed"}},
    };
    return options;
}

const char* const kShapeOptions[] = {"--frequency", "--angle", "--max-frequency",
                                     "--cell",      "--steps", "--seed"};

imaging::PatternParams readParams(const ArgumentParser& parser, imaging::PatternKind kind,
                                  const std::string& name) {
    const std::set<std::string>& applicable = patternOptions().at(kind);
    for (const char* option : kShapeOptions) {
        if (parser.has(option) && !applicable.count(option)) {
            throw UsageError(std::string(option) + " does not apply to the " + name + " pattern");
        }
    }
    imaging::PatternParams params;
    if (const auto size = parser.value("--size")) {
        std::tie(params.width, params.height) = parseSize("--size", *size, kMaxPatternSide);
    }
    if (const auto v = parser.value("--frequency")) params.frequency = parseNumber("--frequency", *v);
    if (const auto v = parser.value("--angle")) params.angleDegrees = parseNumber("--angle", *v);
    if (const auto v = parser.value("--max-frequency"))
        params.maxFrequency = parseNumber("--max-frequency", *v);
    if (const auto v = parser.value("--cell"))
        params.cellSize = int(parseInteger("--cell", *v, 1, kMaxPatternSide));
    if (const auto v = parser.value("--steps")) params.steps = int(parseInteger("--steps", *v, 2, 32));
    if (const auto v = parser.value("--seed")) params.seed = parseUnsigned("--seed", *v);
    return params;
}

}  // namespace

std::string PatternCommand::summary() const {
    return "Write a synthetic test pattern";
}

std::string PatternCommand::help() const {
    std::string text =
        "Usage: convscope-cli pattern NAME [options] OUTPUT\n"
        "\n"
        "Writes a test pattern as an 8-bit grey image (any format convscope-cli writes).\n"
        "\n"
        "Patterns:\n";
    for (const imaging::PatternInfo& info : imaging::patternList()) {
        text += "  " + info.name + std::string(info.name.size() < 14 ? 14 - info.name.size() : 1, ' ') +
                info.description + "\n";
    }
    text +=
        "\n"
        "Options:\n"
        "  --size WxH            size in pixels, 1 to 16384 a side (default 512x512)\n"
        "  --max-frequency F     zone-plate: cycles/pixel at the edge midpoints, (0, 0.5] (default 0.5)\n"
        "  --cell N              checkerboard: square size in pixels (default 32)\n"
        "  --steps N             step-edges: number of grey levels, 2 to 32 (default 4)\n"
        "  --frequency F         grating: cycles/pixel, (0, 0.5] (default 0.0625)\n"
        "  --angle DEG           grating: direction, counter-clockwise from +x (default 0)\n"
        "  --seed S              noise: random seed (default 1)\n";
    return text;
}

int PatternCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    parser.addOption("--size");
    for (const char* option : kShapeOptions) parser.addOption(option);
    parser.parse(args);
    const std::vector<std::string>& positionals = parser.positionals();
    if (positionals.size() != 2) {
        throw UsageError("pattern needs NAME and OUTPUT, got " + std::to_string(positionals.size()) +
                         (positionals.size() == 1 ? " argument" : " arguments"));
    }
    const std::string& patternName = positionals[0];
    const std::string& output = positionals[1];
    imaging::PatternKind kind;
    try {
        kind = imaging::parsePatternKind(patternName);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    const imaging::PatternParams params = readParams(parser, kind, patternName);
    checkOutputExtension(output, "OUTPUT");
    checkOutputFolder(output);

    cv::Mat pattern;
    try {
        pattern = imaging::makePattern(kind, params);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());  // a parameter outside its documented range
    }
    {
        const StderrSilencer quiet;
        imaging::saveImage(output, pattern);
    }
    out << "output: " << output << " (" << patternName << ", " << pattern.cols << " x " << pattern.rows
        << ", 8-bit grey)\n";
    return 0;
}

}  // namespace convscope::cli
