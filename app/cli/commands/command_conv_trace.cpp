#include "app/cli/commands/command_conv_trace.h"

#include <optional>

#include "app/cli/commands/conv3d_trace_output.h"
#include "app/cli/output/channel_shuffle_output.h"
#include "app/cli/output/conv_trace_json.h"
#include "app/cli/output/conv_trace_text.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/conv_trace_request.h"
#include "app/cli/parsing/usage_error.h"
#include "core/conv/conv_trace.h"

namespace convscope::cli {

std::string ConvTraceCommand::summary() const {
    return "Show a convolution or pooling step by step, every product and sum";
}

std::string ConvTraceCommand::help() const {
    return "Usage: convscope-cli conv-trace [--seq HxW | --input FILE] (--kernel NAME | --kernel-file FILE)\n"
           "                                [options] [--json]\n"
           "       convscope-cli conv-trace --op maxpool|avgpool [--pool-size K] [options] [--json]\n"
           "       convscope-cli conv-trace --op nearest|bed-of-nails|max-unpool [--scale S] [input] "
           "[--json]\n"
           "\n"
           "Computes one layer on a small input the way PyTorch does (conv2d, max_pool2d, avg_pool2d,\n"
           "conv_transpose2d; batch of one) and prints the input, the kernel, the output-size arithmetic "
           "for\n"
           "H and W, one line per step with its products and sum (\"step 1: out[0,0,0] = ...\"), and the\n"
           "output. Indices are [channel,row,column] from 0.\n"
           "\n"
           "Input (at most 64x64 and 64 channels: a trace is for reading, not bulk work):\n"
           "  --seq HxW             the values 1, 2, 3, ... row by row (default 6x6: 1..36, the textbook's)\n"
           "  --channels C          channels of --seq (channel after channel); for an image 1 (grey, "
           "default)\n"
           "                        or 3 (RGB); for a text file it must match the file\n"
           "  --input FILE          an image (values 0..255) or a text file: rows of numbers separated by\n"
           "                        blanks or commas, a blank line between channels, '#' starts a comment\n"
           "\n"
           "Operation and geometry (Y,X means rows then columns; one number sets both):\n"
           "  --op OP               conv (default), maxpool, avgpool, transposed, or the upsampling\n"
           "                        operations nearest (F.interpolate mode='nearest': out[y][x] =\n"
           "                        in[y/S][x/S]), bed-of-nails (each value at the top-left of its SxS "
           "cell,\n"
           "                        zeros elsewhere) and max-unpool (max_pool2d with window and stride S "
           "and\n"
           "                        return_indices, then max_unpool2d back to the input's size: each "
           "maximum\n"
           "                        returns to where it was found, zeros elsewhere)\n"
           "                        conv3d: 3-D convolution, with options of its own (at the end)\n"
           "  --kernel NAME         a preset (list them with 'convscope-cli kernels')\n"
           "  --param KEY=VALUE     set a preset parameter (repeatable)\n"
           "  --kernel-file FILE    rows of numbers; blank lines and lines starting with # are ignored\n"
           "  --out-channels N      output channels (default 1); the kernel is copied into every weight\n"
           "                        slice (conv: C_out x C_in/groups; transposed: C_in x C_out/groups)\n"
           "  --groups G            grouped convolution; G must divide both channel counts (default 1)\n"
           "  --channel-shuffle     conv with --groups G > 1 only: ShuffleNet's channel shuffle after the\n"
           "                        layer (output channels viewed as G x C/G, transposed, flattened); adds\n"
           "                        the channel order and the shuffled output\n"
           "  --bias B              the same bias on every output channel (default none)\n"
           "  --padding P           P, PH,PW or TOP,BOTTOM,LEFT,RIGHT (default 0); for transposed the\n"
           "                        rows/columns cropped from the full output, as in PyTorch\n"
           "  --padding-mode MODE   conv only: zeros (default), reflect, replicate or circular\n"
           "  --stride S            S or SY,SX (default 1; pooling: the window)\n"
           "  --dilation D          D or DY,DX (default 1; not for avgpool, which has none)\n"
           "  --output-padding Q    transposed only: Q or QY,QX extra rows/columns at the bottom/right\n"
           "  --pool-size K         pooling only: the window, K or KH,KW (default 2)\n"
           "  --scale S             nearest, bed-of-nails and max-unpool only: the factor S or SY,SX\n"
           "                        (default 2); one step per input value (max-unpool: per pooled value)\n"
           "                        writes its SxS cell of the output\n"
           "  --count-include-pad yes|no\n"
           "                        avgpool only: padded cells count as zeros (yes, default) or are left "
           "out\n"
           "\n"
           "One rule for all options: an option the chosen --op does not use is an error. Pooling takes\n"
           "no kernel, bias, groups, output channels or padding mode (its window is --pool-size);\n"
           "conv and transposed take no --pool-size or --count-include-pad; transposed pads with zeros\n"
           "only, so it takes no --padding-mode either. The upsampling operations take only --scale (and\n"
           "the input and output options); --scale with any other --op is an error.\n"
           "\n"
           "Output:\n"
           "  --max-steps N         print at most N steps (default 10000); the output is always complete\n"
           "  --json                one JSON object instead of text: op, input_shape [C,H,W], input,\n"
           "                        weight_shape (null for pooling, then pool_size), kernel, bias, padding\n"
           "                        {top,bottom,left,right}, padding_mode, stride [y,x], dilation [y,x], "
           "groups,\n"
           "                        output_shape, output [C][H][W], arithmetic {height,width}, step_count,\n"
           "                        steps_truncated and steps: each with index (from 1, as 'step 1'),\n"
           "                        output_index [c,y,x] (transposed: input_index), positions (channel, y, "
           "x,\n"
           "                        padded, value, weight, product; transposed: the output cells each "
           "product\n"
           "                        is added to, before cropping, padded meaning cropped), products, sum, "
           "bias,\n"
           "                        result, arithmetic (avgpool: divisor; maxpool: winner, a position "
           "index).\n"
           "                        Numbers that are not finite (max pooling's -inf padding) are null.\n"
           "                        Upsampling: weight_shape null, scale [y,x]; each step has input_index\n"
           "                        (max-unpool: pooled_index) and one position per output cell it writes\n"
           "                        (y, x in the output, source [y,x] the input cell read, kernel_index the\n"
           "                        offset in the cell, product the value written); bed-of-nails and\n"
           "                        max-unpool steps give winner, the position that receives the value.\n"
           "                        max-unpool adds pooled_shape, pooled [C][H/S][W/S] and indices\n"
           "                        [C][H/S][W/S]: PyTorch's flat index y*W+x of each maximum in its input\n"
           "                        channel, which is also where the output holds it.\n"
           "                        With --channel-shuffle also channel_shuffle: groups, permutation\n"
           "                        (shuffled channel i is output channel permutation[i]), output_shape,\n"
           "                        output [C][H][W] after the shuffle.\n"
           "\n"
           "Exit status 2 for a command-line mistake, including a geometry that cannot work (kernel larger\n"
           "than the padded input, groups that do not divide the channels); 1 when a file cannot be read.\n" +
           conv3dHelp();
}

int ConvTraceCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    // conv3d has its own class and options (shapes DxHxW, values D,Y,X): it never becomes a ConvTrace.
    if (requestsConv3d(args)) return runConv3dTrace(args, out);
    ArgumentParser parser(name());
    addTraceOptions(parser);
    parser.addFlag("--channel-shuffle");
    parser.parse(args);
    const TraceRequest request = readTraceRequest(parser);
    const bool shuffle = parser.has("--channel-shuffle");
    if (shuffle && (request.spec.op != conv::Operation::Convolution || request.spec.groups < 2))
        throw UsageError(
            "--channel-shuffle needs a grouped convolution: --op conv with --groups of 2 or more.");
    std::optional<conv::ConvTrace> trace;
    try {
        trace.emplace(request.input.volume, request.weights, request.spec);
    } catch (const conv::ConvError& e) {
        throw UsageError(e.what());
    }
    const int groups = request.spec.groups;
    if (request.json) {
        writeTraceJson(*trace, request, out, [&](JsonWriter& json) {
            if (shuffle) writeChannelShuffleJson(json, trace->output(), groups);
        });
    } else {
        writeTraceText(*trace, request, out);
        if (shuffle) writeChannelShuffleText(out, trace->output(), groups);
    }
    return 0;
}

}  // namespace convscope::cli
