#pragma once

// A Snowflake ACCOUNT_USAGE.QUERY_HISTORY export of any size, the way SnowSQL writes it: the
// view's 70 columns in their real order (as tests/import/engines/snowflake.csv), upper-case names,
// TIMESTAMP_LTZ with offsets, quoted multi-line query texts, failed and running queries,
// result-cache hits, empty cells for absent metrics, repeated query IDs (overlapping exports).
// Deterministic: the same size and seed give the same bytes. Used by the parity test (the
// same file on SQLite and PostgreSQL) and the import benchmark.

#include <QByteArray>
#include <QIODevice>

#include <random>

namespace GeneratedExport {

inline QByteArray header()
{
    return "QUERY_ID,QUERY_TEXT,DATABASE_ID,DATABASE_NAME,SCHEMA_ID,SCHEMA_NAME,QUERY_TYPE,SESSION_ID,USER_NAME,"
           "ROLE_NAME,WAREHOUSE_ID,WAREHOUSE_NAME,WAREHOUSE_SIZE,WAREHOUSE_TYPE,CLUSTER_NUMBER,QUERY_TAG,"
           "EXECUTION_STATUS,ERROR_CODE,ERROR_MESSAGE,START_TIME,END_TIME,TOTAL_ELAPSED_TIME,BYTES_SCANNED,"
           "PERCENTAGE_SCANNED_FROM_CACHE,BYTES_WRITTEN,BYTES_WRITTEN_TO_RESULT,BYTES_READ_FROM_RESULT,"
           "ROWS_PRODUCED,ROWS_INSERTED,ROWS_UPDATED,ROWS_DELETED,ROWS_UNLOADED,BYTES_DELETED,PARTITIONS_SCANNED,"
           "PARTITIONS_TOTAL,BYTES_SPILLED_TO_LOCAL_STORAGE,BYTES_SPILLED_TO_REMOTE_STORAGE,"
           "BYTES_SENT_OVER_THE_NETWORK,COMPILATION_TIME,EXECUTION_TIME,QUEUED_PROVISIONING_TIME,"
           "QUEUED_REPAIR_TIME,QUEUED_OVERLOAD_TIME,TRANSACTION_BLOCKED_TIME,OUTBOUND_DATA_TRANSFER_CLOUD,"
           "OUTBOUND_DATA_TRANSFER_REGION,OUTBOUND_DATA_TRANSFER_BYTES,INBOUND_DATA_TRANSFER_CLOUD,"
           "INBOUND_DATA_TRANSFER_REGION,INBOUND_DATA_TRANSFER_BYTES,LIST_EXTERNAL_FILES_TIME,"
           "CREDITS_USED_CLOUD_SERVICES,RELEASE_VERSION,EXTERNAL_FUNCTION_TOTAL_INVOCATIONS,"
           "EXTERNAL_FUNCTION_TOTAL_SENT_ROWS,EXTERNAL_FUNCTION_TOTAL_RECEIVED_ROWS,"
           "EXTERNAL_FUNCTION_TOTAL_SENT_BYTES,EXTERNAL_FUNCTION_TOTAL_RECEIVED_BYTES,QUERY_LOAD_PERCENT,"
           "IS_CLIENT_GENERATED_STATEMENT,QUERY_ACCELERATION_BYTES_SCANNED,QUERY_ACCELERATION_PARTITIONS_SCANNED,"
           "QUERY_ACCELERATION_UPPER_LIMIT_SCALE_FACTOR,QUERY_HASH,QUERY_HASH_VERSION,QUERY_PARAMETERIZED_HASH,"
           "QUERY_PARAMETERIZED_HASH_VERSION,QUERY_RETRY_TIME,QUERY_RETRY_CAUSE,FAULT_HANDLING_TIME\n";
}

// Writes `rows` records after the header; returns false if the device refuses a write.
inline bool write(QIODevice &out, qint64 rows, unsigned seed = 7)
{
    std::mt19937_64 random(seed);
    auto pick = [&random](qint64 n) { return qint64(random() % quint64(n)); };
    static const char *const sizes[] = {"X-Small", "Small", "Medium", "Large", "X-Large"};
    static const char *const users[] = {"ANA.SILVA", "BEN", "CHLOÉ", "DMITRI", "EMI"};
    static const char *const tables[] = {"SALES", "ORDERS", "EVENTS", "CUSTOMERS", "LINEITEM"};
    if (out.write(header()) < 0)
        return false;
    QByteArray line;
    line.reserve(1024);
    const qint64 base = 1714550400; // 2024-05-01T08:00:00Z
    for (qint64 i = 0; i < rows; ++i) {
        // About 1 % repeat an earlier ID (the overlap of two exports).
        const qint64 id = (i > 100 && pick(100) == 0) ? pick(i) : i;
        const qint64 kind = pick(100);
        const bool failed = kind < 3, running = kind == 3, cached = kind >= 4 && kind < 9;
        const qint64 elapsed = cached ? pick(80) : 50 + pick(600000);
        const qint64 bytes = cached ? 0 : pick(50) * 1048576 + pick(1048576);
        const qint64 start = base + (id * 37) % 2592000;
        const int offset = int(pick(3)) - 1; // -0700, +0000, +0200
        const char *zone = offset < 0 ? "-0700" : offset == 0 ? "+0000" : "+0200";
        const qint64 local = start + (offset < 0 ? -7 * 3600 : offset == 0 ? 0 : 2 * 3600);
        const QByteArray when = QDateTime::fromSecsSinceEpoch(local, Qt::UTC)
                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                    .toLatin1();
        const QByteArray ms = QByteArray::number(1000 + pick(1000)).mid(1);
        const char *table = tables[pick(5)];
        const QByteArray n = QByteArray::number(pick(100000));
        const QByteArray end = running ? QByteArray()
                                       : QDateTime::fromSecsSinceEpoch(local + elapsed / 1000, Qt::UTC)
                                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                                 .toLatin1()
                                             + ".000 " + zone;
        line.clear();
        line += "01b4" + QByteArray::number(id, 16).rightJustified(12, '0') + "-0000-7a1e,";
        line += "\"SELECT o.id, o.\"\"Amount\"\", 'it''s'\n  FROM ";
        line += table;
        line += " o\n WHERE o.region = 'EU-" + QByteArray::number(pick(30)) + "' AND o.day > 7\",";
        line += "17,ANALYTICS,342,PUBLIC,SELECT," + QByteArray::number(9000000 + pick(100000)) + ',';
        line += users[pick(5)];
        line += ",ANALYST,5,BI_WH,";
        line += sizes[pick(5)];
        line += ",STANDARD,1,";
        line += pick(4) == 0 ? "\"nightly,etl\"" : "";
        line += ',';
        line += failed ? "FAIL,100038,\"Numeric value 'abc' is not recognized\"," : running ? "RUNNING,,," : "SUCCESS,,,";
        line += when + '.' + ms + ' ' + zone + ',' + end + ',';
        line += QByteArray::number(elapsed) + ',';
        line += pick(50) == 0 ? QByteArray() : QByteArray::number(bytes); // now and then absent
        line += ',' + QByteArray(cached ? "0.0" : pick(10) == 0 ? "1.0" : "0.25") + ",0,";
        line += n + ",0," + QByteArray::number(pick(100000)) + ",0,0,0,0,0,";
        line += QByteArray::number(pick(2000)) + ',' + QByteArray::number(2000 + pick(1000)) + ",0,0,";
        line += n + ',' + QByteArray::number(pick(400)) + ',' + QByteArray::number(elapsed * 9 / 10) + ",0,0,0,0,";
        line += ",,0,,,0,0,0.000012,8.15.2,0,0,0,0,0,100,false,0,0,0,";
        line += QByteArray::number(quint64(random()), 16) + ",2," + QByteArray::number(quint64(random()), 16)
                + ",1,0,,0\n";
        if (out.write(line) < 0)
            return false;
    }
    return true;
}

} // namespace GeneratedExport
