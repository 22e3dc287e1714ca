<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AfterJobDialog</name>
    <message>
        <source>Enter after job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendation id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID of the optimized job, e.g. 01b7c3a2-…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recommendation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;After job:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duration %1 ms → %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: the before job took 0 ms, so the improvement cannot be computed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: %1 % faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: %1 % slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimated %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no estimate (counts as 0 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meets expectation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not meet expectation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the id of the recommendation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no recommendation %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendation %1 has no open measurement: start one on the Recommendations page first (it records the before job %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — completed with after job %2; a new ID corrects it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — before job %2, %3 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the ID of the optimized job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is already the after job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no job %1 in the database. Import it first, or check the ID (IDs are case-sensitive).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is the before job of this recommendation; type the optimized job&apos;s ID.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceling… nothing will be written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average improvement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met / exceeded / underperformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 still waiting for an after job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duration, over completed measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing completed yet; target %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ on target (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ below target (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost: regressions outweigh gains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of query time, per run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1 completed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobListModel</name>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobsPage</name>
    <message>
        <source>Job ID starts with…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import jobs…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 — Optimeter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recommendations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New SQLite database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open SQLite database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to &amp;PostgreSQL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recent databases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;jobs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;recommendations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV &amp;report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export dashboard as P&amp;DF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enter after job…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste after jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste after jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record lines of &quot;recommendation,after_job&quot; from the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Optimeter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Optimeter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Optimeter %1&lt;/b&gt;&lt;p&gt;Proves whether query optimizations paid off.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL version 3.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Window: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Issue type: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter after job…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the optimized job&apos;s ID for a recommendation (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All issue types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 measurements (%2 completed) in the window · %3 recommendations · %4 jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimeter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start measurement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded the before metrics of recommendation %1 (job %2, %3 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter after job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: expected &quot;recommendation,after_job&quot;, got &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: recommendation %2 → %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n recorded</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New SQLite database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists already; open it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open SQLite database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import recommendations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import of %1 canceled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import of %1 rejected; nothing was written.
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 rows read, %3 inserted, %4 updated, %5 repeated in the file (the last one wins), 0 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignored unknown columns: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n measurement(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export dashboard as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimeter dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no recommendations yet. Fill it with realistic demo data (5,000 measurements) to explore Optimeter?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating demo data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasurementCommands</name>
    <message>
        <source>Start measurement of recommendation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the after job of recommendation %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record after job %2 for recommendation %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostgresDialog</name>
    <message>
        <source>Connect to PostgreSQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecommendationListModel</name>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>implemented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for after job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed (%1 attempts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecommendationsPage</name>
    <message>
        <source>&amp;Start measurement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter &amp;after job…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search id, title, job or issue type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the before metrics of the recommendation&apos;s job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newest %1 matching recommendations are listed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> points</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tolerance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An estimate is met when the actual improvement is at least the estimate minus this, and not a regression. Applies to measurements recorded from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;&amp;Exceeded&quot; margin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Success target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;window:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average improvement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met expectation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exceeded expectation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Underperformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
