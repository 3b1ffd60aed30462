#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace convscope::cli {

/// Writes one compact JSON document (RFC 8259) to a stream as it goes, so a long trace never has to be held
/// in memory twice. Commas and quoting are the writer's business; nesting mistakes in the caller throw
/// std::logic_error. Strings are written as valid UTF-8: invalid byte sequences become U+FFFD.
class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out);

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    /// The name of the next member; only inside an object.
    JsonWriter& key(const std::string& name);

    JsonWriter& value(const std::string& text);
    JsonWriter& value(const char* text);
    /// Whole numbers below 2^53 print as integers, others with the fewest digits that read back to the same
    /// double (at most 17); NaN and infinities are not JSON numbers and print as null.
    JsonWriter& value(double number);
    JsonWriter& value(int number);
    JsonWriter& value(long long number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    /// An array of numbers in one call.
    JsonWriter& numbers(const std::vector<double>& values);
    JsonWriter& integers(const std::vector<int>& values);

    /// True once the top-level value is complete.
    bool done() const { return m_done; }

    /// `text` as a quoted JSON string.
    static std::string quote(const std::string& text);
    /// `number` as a JSON number, or "null" when it is not finite.
    static std::string number(double number);

private:
    enum class Frame { Object, Array };

    void beforeValue();
    void raw(const std::string& text);

    std::ostream& m_out;
    std::vector<Frame> m_stack;
    bool m_first = true;        // no member or element yet in the innermost container
    bool m_keyPending = false;  // a key was written and waits for its value
    bool m_done = false;
};

}  // namespace convscope::cli
