#include "core/nn/checkpoint/state_dict_pickle.h"

#include "core/base/error.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <memory>
#include <variant>

namespace esm {
namespace {

struct Value;
using ValuePtr = std::shared_ptr<Value>;
struct Global {
    std::string module, name;
    std::string qualified() const { return module + "." + name; }
};
struct Storage {
    std::string key;
    ElementType type;
    std::int64_t elements;
};
struct Tensor {
    Storage storage;
    std::int64_t offset;
    std::vector<std::int64_t> shape, strides;
};
struct None {};
struct Mark {};
struct Opaque {
    std::string what;
};
using Items = std::vector<ValuePtr>;
using Pairs = std::vector<std::pair<ValuePtr, ValuePtr>>;
struct TupleItems {
    Items items;
};

// Lists and dicts are shared so that memoised references see later appends.
struct Value {
    std::variant<None, Mark, bool, std::int64_t, double, std::string, TupleItems, Items, Pairs, Global,
                 Storage, Tensor, Opaque>
        v;
    int depth = 0; // containers within containers: bounded, since releasing a value recurses that deep
};

// What a state dict never comes near; a hostile file would otherwise overflow the stack or the memory.
constexpr int kMaxNesting = 1000;
constexpr std::size_t kMaxStack = std::size_t(1) << 20;

int nestingOf(const Value& value) {
    int deepest = -1;
    auto consider = [&](const ValuePtr& item) { deepest = std::max(deepest, item->depth); };
    if (const auto* tuple = std::get_if<TupleItems>(&value.v))
        std::for_each(tuple->items.begin(), tuple->items.end(), consider);
    else if (const auto* list = std::get_if<Items>(&value.v))
        std::for_each(list->begin(), list->end(), consider);
    else if (const auto* dict = std::get_if<Pairs>(&value.v))
        for (const auto& [key, item] : *dict) {
            consider(key);
            consider(item);
        }
    else
        return 0;
    return deepest + 1;
}

ValuePtr make(auto&& x) {
    auto value = std::make_shared<Value>(Value{std::forward<decltype(x)>(x)});
    value->depth = nestingOf(*value);
    return value;
}

bool storageType(const std::string& className, ElementType& type) {
    static const std::map<std::string, ElementType> kTypes{
        {"FloatStorage", ElementType::F32}, {"DoubleStorage", ElementType::F64},
        {"HalfStorage", ElementType::F16},  {"BFloat16Storage", ElementType::BF16},
        {"LongStorage", ElementType::I64},  {"IntStorage", ElementType::I32},
        {"ShortStorage", ElementType::I16}, {"CharStorage", ElementType::I8},
        {"ByteStorage", ElementType::U8},   {"BoolStorage", ElementType::Bool}};
    const auto it = kTypes.find(className);
    if (it == kTypes.end())
        return false;
    type = it->second;
    return true;
}

class Machine {
  public:
    Machine(std::span<const std::byte> bytes, const std::string& file) : bytes_(bytes), file_(file) {}

    ValuePtr run() {
        while (true) {
            const auto op = static_cast<unsigned char>(byte());
            if (op == '.')
                return pop();
            execute(op);
            if (stack_.size() > kMaxStack)
                fail("more than " + std::to_string(kMaxStack) +
                     " values on the stack (corrupt or hostile pickle)");
            if (!stack_.empty() && stack_.back()->depth > kMaxNesting)
                fail("containers nested deeper than " + std::to_string(kMaxNesting) +
                     " levels (corrupt or hostile pickle)");
        }
    }

    [[noreturn]] void fail(const std::string& message) const {
        throw Error(file_ + ": data.pkl: " + message + " (at byte " + std::to_string(pos_) + ")");
    }

  private:
    std::byte byte() {
        if (pos_ >= bytes_.size())
            fail("ends before its STOP opcode (truncated checkpoint?)");
        return bytes_[pos_++];
    }
    template <typename T> T little() {
        if (bytes_.size() - pos_ < sizeof(T))
            fail("ends inside an opcode argument (truncated checkpoint?)");
        T value;
        std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return value;
    }
    std::string chars(std::uint64_t n) {
        if (bytes_.size() - pos_ < n)
            fail("string runs past the end (truncated checkpoint?)");
        std::string s(reinterpret_cast<const char*>(bytes_.data() + pos_), n);
        pos_ += n;
        return s;
    }
    std::string line() {
        std::string s;
        for (char c; (c = static_cast<char>(byte())) != '\n';)
            s.push_back(c);
        return s;
    }
    // The decimal memo index of the text opcodes PUT and GET.
    std::size_t memoIndex() {
        const std::string text = line();
        std::size_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || error != std::errc() || end != text.data() + text.size())
            fail("memo index '" + text.substr(0, 40) + "' is not a number (corrupt pickle)");
        return value;
    }

    // `item` went into the container on top of the stack.
    void adopt(const ValuePtr& item) { top()->depth = std::max(top()->depth, item->depth + 1); }

    ValuePtr pop() {
        if (stack_.empty())
            fail("stack underflow (corrupt pickle)");
        ValuePtr v = stack_.back();
        stack_.pop_back();
        return v;
    }
    ValuePtr& top() {
        if (stack_.empty())
            fail("stack underflow (corrupt pickle)");
        return stack_.back();
    }
    Items popToMark() {
        Items items;
        while (true) {
            ValuePtr v = pop();
            if (std::holds_alternative<Mark>(v->v))
                break;
            items.push_back(v);
        }
        return Items(items.rbegin(), items.rend());
    }
    template <typename T> T& as(const ValuePtr& v, const char* what) {
        if (auto* x = std::get_if<T>(&v->v))
            return *x;
        fail(std::string("expected ") + what);
    }
    std::int64_t integer(const ValuePtr& v) { return as<std::int64_t>(v, "an integer"); }
    std::vector<std::int64_t> integers(const ValuePtr& v) {
        std::vector<std::int64_t> out;
        for (const auto& x : as<TupleItems>(v, "a tuple of integers").items)
            out.push_back(integer(x));
        return out;
    }

    void memoPut(std::uint64_t index) { memo_[index] = top(); }
    ValuePtr memoGet(std::uint64_t index) {
        const auto it = memo_.find(index);
        if (it == memo_.end())
            fail("reference to an unknown memo entry " + std::to_string(index));
        return it->second;
    }

    ValuePtr persistentLoad(const ValuePtr& pid) {
        const auto& t = as<TupleItems>(pid, "a storage tuple").items;
        if (t.size() < 5 || as<std::string>(t[0], "'storage'") != "storage")
            fail("unsupported persistent id");
        const auto& cls = as<Global>(t[1], "a storage class");
        Storage storage{as<std::string>(t[2], "a storage key"), ElementType::F32, integer(t[4])};
        if (!storageType(cls.name, storage.type))
            fail("unsupported storage type " + cls.qualified());
        return make(storage);
    }

    ValuePtr reduce(const Global& callable, const Items& args) {
        const std::string name = callable.qualified();
        if (name == "collections.OrderedDict" || name == "builtins.dict")
            return make(Pairs{});
        if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor") {
            if (args.size() < 4)
                fail("_rebuild_tensor_v2 with too few arguments");
            return make(Tensor{as<Storage>(args[0], "a storage"), integer(args[1]), integers(args[2]),
                               integers(args[3])});
        }
        if (name == "torch._utils._rebuild_parameter" ||
            name == "torch._utils._rebuild_parameter_with_state") {
            if (args.empty())
                fail("_rebuild_parameter without arguments");
            return args[0];
        }
        return make(Opaque{name}); // e.g. metadata objects that a state dict does not need
    }

    void execute(unsigned char op) {
        switch (op) {
        case 0x80:
            byte();
            break; // PROTO
        case 0x95:
            little<std::uint64_t>();
            break; // FRAME
        case '}':
            stack_.push_back(make(Pairs{}));
            break;
        case ']':
            stack_.push_back(make(Items{}));
            break;
        case ')':
            stack_.push_back(make(TupleItems{}));
            break;
        case '(':
            stack_.push_back(make(Mark{}));
            break;
        case 'N':
            stack_.push_back(make(None{}));
            break;
        case 0x88:
            stack_.push_back(make(true));
            break;
        case 0x89:
            stack_.push_back(make(false));
            break;
        case 'J':
            stack_.push_back(make(std::int64_t(little<std::int32_t>())));
            break;
        case 'K':
            stack_.push_back(make(std::int64_t(little<std::uint8_t>())));
            break;
        case 'M':
            stack_.push_back(make(std::int64_t(little<std::uint16_t>())));
            break;
        case 0x8a: { // LONG1: little-endian two's complement
            const auto n = little<std::uint8_t>();
            if (n > 8)
                fail("integer too large");
            std::int64_t value = 0;
            const std::string digits = chars(n);
            for (int i = n - 1; i >= 0; --i)
                value = (value << 8) | static_cast<unsigned char>(digits[i]);
            if (n > 0 && n < 8 && (static_cast<unsigned char>(digits[n - 1]) & 0x80))
                value -= std::int64_t(1) << (8 * n);
            stack_.push_back(make(value));
            break;
        }
        case 'G': { // BINFLOAT, big-endian
            std::uint64_t bits = 0;
            for (int i = 0; i < 8; ++i)
                bits = (bits << 8) | static_cast<unsigned char>(byte());
            double d;
            std::memcpy(&d, &bits, 8);
            stack_.push_back(make(d));
            break;
        }
        case 'X':
            stack_.push_back(make(chars(little<std::uint32_t>())));
            break;
        case 0x8c:
            stack_.push_back(make(chars(little<std::uint8_t>())));
            break;
        case 0x8d:
            stack_.push_back(make(chars(little<std::uint64_t>())));
            break;
        case 'U':
            stack_.push_back(make(chars(little<std::uint8_t>())));
            break;
        case 'T':
            stack_.push_back(make(chars(little<std::uint32_t>())));
            break;
        case 'C':
            stack_.push_back(make(chars(little<std::uint8_t>())));
            break;
        case 'B':
            stack_.push_back(make(chars(little<std::uint32_t>())));
            break;
        case 'c': {
            Global g;
            g.module = line();
            g.name = line();
            stack_.push_back(make(g));
            break;
        }
        case 0x93: { // STACK_GLOBAL
            Global g;
            g.name = as<std::string>(pop(), "a global name");
            g.module = as<std::string>(pop(), "a module name");
            stack_.push_back(make(g));
            break;
        }
        case 't':
            stack_.push_back(make(TupleItems{popToMark()}));
            break;
        case 0x85: {
            auto a = pop();
            stack_.push_back(make(TupleItems{{a}}));
            break;
        }
        case 0x86: {
            auto b = pop(), a = pop();
            stack_.push_back(make(TupleItems{{a, b}}));
            break;
        }
        case 0x87: {
            auto c = pop(), b = pop(), a = pop();
            stack_.push_back(make(TupleItems{{a, b, c}}));
            break;
        }
        case 'l':
            stack_.push_back(make(popToMark()));
            break;
        case 'd': {
            Items items = popToMark();
            Pairs pairs;
            for (std::size_t i = 0; i + 1 < items.size(); i += 2)
                pairs.emplace_back(items[i], items[i + 1]);
            stack_.push_back(make(pairs));
            break;
        }
        case 'a': {
            auto v = pop();
            as<Items>(top(), "a list").push_back(v);
            adopt(v);
            break;
        }
        case 'e': {
            Items items = popToMark();
            auto& list = as<Items>(top(), "a list");
            list.insert(list.end(), items.begin(), items.end());
            for (const auto& item : items)
                adopt(item);
            break;
        }
        case 's': {
            auto v = pop(), k = pop();
            as<Pairs>(top(), "a dict").emplace_back(k, v);
            adopt(k);
            adopt(v);
            break;
        }
        case 'u': {
            Items items = popToMark();
            auto& dict = as<Pairs>(top(), "a dict");
            if (items.size() % 2)
                fail("SETITEMS with an odd number of items");
            for (std::size_t i = 0; i < items.size(); i += 2)
                dict.emplace_back(items[i], items[i + 1]);
            for (const auto& item : items)
                adopt(item);
            break;
        }
        case 'q':
            memoPut(little<std::uint8_t>());
            break;
        case 'r':
            memoPut(little<std::uint32_t>());
            break;
        case 0x94:
            memoPut(memo_.size());
            break;
        case 'p':
            memoPut(memoIndex());
            break;
        case 'h':
            stack_.push_back(memoGet(little<std::uint8_t>()));
            break;
        case 'j':
            stack_.push_back(memoGet(little<std::uint32_t>()));
            break;
        case 'g':
            stack_.push_back(memoGet(memoIndex()));
            break;
        case 'Q':
            stack_.push_back(persistentLoad(pop()));
            break;
        case 'R': {
            auto args = pop();
            auto callable = pop();
            stack_.push_back(
                reduce(as<Global>(callable, "a callable"), as<TupleItems>(args, "argument tuple").items));
            break;
        }
        case 0x81: { // NEWOBJ
            auto args = pop();
            auto cls = pop();
            stack_.push_back(
                reduce(as<Global>(cls, "a class"), as<TupleItems>(args, "argument tuple").items));
            break;
        }
        case 'b':
            pop();
            break; // BUILD: object state (e.g. a state dict's _metadata) is not needed
        default: {
            char code[8];
            std::snprintf(code, sizeof code, "0x%02x", op);
            fail(std::string("unsupported pickle opcode ") + code);
        }
        }
    }

    std::span<const std::byte> bytes_;
    const std::string& file_;
    std::size_t pos_ = 0;
    std::vector<ValuePtr> stack_;
    std::map<std::uint64_t, ValuePtr> memo_;
};

} // namespace

std::vector<PickledTensor> readStateDictPickle(std::span<const std::byte> pickle, const std::string& file) {
    Machine machine(pickle, file);
    const ValuePtr root = machine.run();
    const auto* pairs = std::get_if<Pairs>(&root->v);
    if (!pairs)
        machine.fail("the top object is not a dict (not a state dict)");
    std::vector<PickledTensor> tensors;
    for (const auto& [key, value] : *pairs) {
        const auto* name = std::get_if<std::string>(&key->v);
        const auto* tensor = std::get_if<Tensor>(&value->v);
        if (!name)
            machine.fail("a state dict key is not a string");
        if (!tensor)
            machine.fail("entry '" + *name + "' is not a tensor (not a plain state dict)");
        if (tensor->shape.size() != tensor->strides.size())
            machine.fail("tensor '" + *name + "' has " + std::to_string(tensor->shape.size()) +
                         " sizes but " + std::to_string(tensor->strides.size()) + " strides");
        tensors.push_back({*name, tensor->storage.key, tensor->storage.type, tensor->storage.elements,
                           tensor->offset, tensor->shape, tensor->strides});
    }
    return tensors;
}

} // namespace esm
