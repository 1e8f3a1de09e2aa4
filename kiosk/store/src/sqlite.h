#pragma once
// The store's use of the one SQLite wrapper (base/sqlite.h): its statements, queries and
// transactions, whose failures become store Errors as they are returned (Error's converting
// constructor maps SQLite's result codes to kinds and operator hints).
#include <string_view>

#include <sqlite3.h>

#include "base/sqlite.h"
#include "kiosk/store/error.h"

namespace kiosk::store::sql {

using base::sqlite::exec;
using base::sqlite::query_int;
using base::sqlite::query_text;
using base::sqlite::Statement;
using base::sqlite::Transaction;

// An Error for the connection's last failure; `what` says what we were doing.
Error error_from(sqlite3* db, int rc, std::string_view what);

}  // namespace kiosk::store::sql
