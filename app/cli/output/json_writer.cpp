#include "app/cli/output/json_writer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace convscope::cli {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence starting at text[i] (Unicode 15, table 3-7), or 0 when the bytes
// there are not one (stray continuation byte, overlong form, surrogate, beyond U+10FFFF, cut short).
std::size_t sequenceLength(const std::string& text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    if (byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    }
    return length;
}

}  // namespace

JsonWriter::JsonWriter(std::ostream& out) : m_out(out) {}

std::string JsonWriter::quote(const std::string& text) {
    std::string quoted = "\"";
    quoted.reserve(text.size() + 2);
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t length = sequenceLength(text, i);
            if (length == 0) {
                quoted += kReplacement;
                ++i;
            } else {
                quoted.append(text, i, length);
                i += length;
            }
            continue;
        }
        switch (c) {
            case '"':
                quoted += "\\\"";
                break;
            case '\\':
                quoted += "\\\\";
                break;
            case '\b':
                quoted += "\\b";
                break;
            case '\f':
                quoted += "\\f";
                break;
            case '\n':
                quoted += "\\n";
                break;
            case '\r':
                quoted += "\\r";
                break;
            case '\t':
                quoted += "\\t";
                break;
            default:
                if (c < 0x20) {
                    char escape[8];
                    std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
                    quoted += escape;
                } else {
                    quoted += static_cast<char>(c);
                }
        }
        ++i;
    }
    quoted += '"';
    return quoted;
}

std::string JsonWriter::number(double number) {
    if (!std::isfinite(number)) return "null";
    // 2^53: every whole number up to here is exact in a double and prints without an exponent.
    if (std::abs(number) < 9007199254740992.0 && number == std::floor(number)) {
        return std::to_string(static_cast<long long>(number));  // also turns -0 into 0
    }
    // The shortest of 15, 16 and 17 significant digits that reads back to the same double: 0.1 stays 0.1
    // where %.17g alone would print 0.10000000000000001. The CLI never calls setlocale, so '.' is the point.
    char text[32];
    for (int digits = 15; digits <= 17; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, number);
        if (std::strtod(text, nullptr) == number) break;
    }
    return text;
}

void JsonWriter::raw(const std::string& text) {
    m_out << text;
}

void JsonWriter::beforeValue() {
    if (m_done) throw std::logic_error("JsonWriter: the document is already complete");
    if (m_stack.empty()) return;
    if (m_stack.back() == Frame::Object) {
        if (!m_keyPending) throw std::logic_error("JsonWriter: a value inside an object needs a key");
        m_keyPending = false;
        return;
    }
    if (!m_first) raw(",");
    m_first = false;
}

JsonWriter& JsonWriter::beginObject() {
    beforeValue();
    raw("{");
    m_stack.push_back(Frame::Object);
    m_first = true;
    return *this;
}

JsonWriter& JsonWriter::endObject() {
    if (m_stack.empty() || m_stack.back() != Frame::Object || m_keyPending)
        throw std::logic_error("JsonWriter: endObject without a matching beginObject");
    raw("}");
    m_stack.pop_back();
    m_first = false;
    m_done = m_stack.empty();
    return *this;
}

JsonWriter& JsonWriter::beginArray() {
    beforeValue();
    raw("[");
    m_stack.push_back(Frame::Array);
    m_first = true;
    return *this;
}

JsonWriter& JsonWriter::endArray() {
    if (m_stack.empty() || m_stack.back() != Frame::Array)
        throw std::logic_error("JsonWriter: endArray without a matching beginArray");
    raw("]");
    m_stack.pop_back();
    m_first = false;
    m_done = m_stack.empty();
    return *this;
}

JsonWriter& JsonWriter::key(const std::string& name) {
    if (m_stack.empty() || m_stack.back() != Frame::Object || m_keyPending)
        throw std::logic_error("JsonWriter: key outside an object or twice in a row");
    if (!m_first) raw(",");
    m_first = false;
    raw(quote(name) + ":");
    m_keyPending = true;
    return *this;
}

JsonWriter& JsonWriter::value(const std::string& text) {
    beforeValue();
    raw(quote(text));
    m_done = m_stack.empty();
    return *this;
}

JsonWriter& JsonWriter::value(const char* text) {
    return value(std::string(text));
}

JsonWriter& JsonWriter::value(double number) {
    beforeValue();
    raw(JsonWriter::number(number));
    m_done = m_stack.empty();
    return *this;
}

JsonWriter& JsonWriter::value(int number) {
    return value(static_cast<long long>(number));
}

JsonWriter& JsonWriter::value(long long number) {
    beforeValue();
    raw(std::to_string(number));
    m_done = m_stack.empty();
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    beforeValue();
    raw(flag ? "true" : "false");
    m_done = m_stack.empty();
    return *this;
}

JsonWriter& JsonWriter::null() {
    beforeValue();
    raw("null");
    m_done = m_stack.empty();
    return *this;
}

JsonWriter& JsonWriter::numbers(const std::vector<double>& values) {
    beginArray();
    for (double v : values) value(v);
    return endArray();
}

JsonWriter& JsonWriter::integers(const std::vector<int>& values) {
    beginArray();
    for (int v : values) value(v);
    return endArray();
}

}  // namespace convscope::cli
