#pragma once

#include <QString>

#include <utility>
#include <variant>

// What went wrong, worded for the analyst, with the kind of failure that decides
// the command line's exit status (SPEC §4: 1 domain, 2 usage, 3 input file).
struct Error
{
    enum class Kind {
        NotFound,     // a recommendation, job or measurement that does not exist
        InvalidState, // a rule of SPEC §3.5 forbids it now (open measurement, same job, …)
        InvalidInput, // an input file is malformed: FILE:LINE: column 'NAME': …
        Database,     // the database cannot be opened, migrated or written
        Io,           // an output file cannot be written
        Canceled,     // the user stopped long work; nothing was written
    };

    Kind kind = Kind::Database;
    QString message;

    static Error notFound(QString message) { return {Kind::NotFound, std::move(message)}; }
    static Error invalidState(QString message) { return {Kind::InvalidState, std::move(message)}; }
    static Error invalidInput(QString message) { return {Kind::InvalidInput, std::move(message)}; }
    static Error database(QString message) { return {Kind::Database, std::move(message)}; }
    static Error io(QString message) { return {Kind::Io, std::move(message)}; }
    static Error canceled() { return {Kind::Canceled, QStringLiteral("Canceled")}; }
};

// A value or an Error. Small on purpose: services return it instead of throwing,
// so every caller (CLI, GUI, tests) sees failure in the type.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T *operator->() const { return &std::get<T>(m_data); }
    T *operator->() { return &std::get<T>(m_data); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    T &&operator*() && { return std::move(*this).value(); }

    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// For operations that return nothing but may fail.
struct Done
{
};
using Status = Result<Done>;
inline Status success()
{
    return Done{};
}
