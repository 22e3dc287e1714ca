<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AfterJobDialog</name>
    <message numerus="yes">
        <source>&amp;Include other runs of the same queries (within %n day(s) of the after job)</source>
        <translation>
            <numerusform>&amp;Include other runs of the same queries (within %n day of the after job)</numerusform>
            <numerusform>&amp;Include other runs of the same queries (within %n days of the after job)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) before</source>
        <translation>
            <numerusform>%n run before</numerusform>
            <numerusform>%n runs before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n after</source>
        <translation>
            <numerusform>%n after</numerusform>
            <numerusform>%n after</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No jobs of this query ran in the %n day(s) after %1.</source>
        <translation>
            <numerusform>No jobs of this query ran in the %n day after %1.</numerusform>
            <numerusform>No jobs of this query ran in the %n days after %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CalibrationChart</name>
    <message numerus="yes">
        <source>%Ln completed measurement(s) with an estimate</source>
        <translation>
            <numerusform>%Ln completed measurement with an estimate</numerusform>
            <numerusform>%Ln completed measurements with an estimate</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message numerus="yes">
        <source>%n regression(s)</source>
        <translation>
            <numerusform>%n regression</numerusform>
            <numerusform>%n regressions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportJobsDialog</name>
    <message numerus="yes">
        <source>%n job(s) served from a result cache: never offered as an after job without confirmation.</source>
        <translation>
            <numerusform>%n job served from a result cache: never offered as an after job without confirmation.</numerusform>
            <numerusform>%n jobs served from a result cache: never offered as an after job without confirmation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) rejected:</source>
        <translation>
            <numerusform>%n record rejected:</numerusform>
            <numerusform>%n records rejected:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more: Show Details lists them.</source>
        <translation>
            <numerusform>… and %n more: Show Details lists it.</numerusform>
            <numerusform>… and %n more: Show Details lists them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobsPage</name>
    <message numerus="yes">
        <source>%Ln job(s)</source>
        <translation>
            <numerusform>%Ln job</numerusform>
            <numerusform>%Ln jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of %1 job(s) match &apos;%2&apos;</source>
        <translation>
            <numerusform>%Ln of %1 jobs matches &apos;%2&apos;</numerusform>
            <numerusform>%Ln of %1 jobs match &apos;%2&apos;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, showing the first %Ln</source>
        <comment>a count of jobs, then how many of them are listed</comment>
        <translation>
            <numerusform>%1, showing the first one</numerusform>
            <numerusform>%1, showing the first %Ln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recorded</source>
        <translation>
            <numerusform>%n recorded</numerusform>
            <numerusform>%n recorded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n measurement(s) to %1</source>
        <translation>
            <numerusform>Wrote %n measurement to %1</numerusform>
            <numerusform>Wrote %n measurements to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Judged %n measurement(s) again with a tolerance of %1 points: %2 changed.</source>
        <translation>
            <numerusform>Judged %n measurement again with a tolerance of %1 points: %2 changed.</numerusform>
            <numerusform>Judged %n measurements again with a tolerance of %1 points: %2 changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after refreshing %n measurement(s)</source>
        <translation>
            <numerusform>Stopped after refreshing %n measurement</numerusform>
            <numerusform>Stopped after refreshing %n measurements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refreshed the runs of %n measurement(s)</source>
        <translation>
            <numerusform>Refreshed the runs of %n measurement</numerusform>
            <numerusform>Refreshed the runs of %n measurements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) added</source>
        <translation>
            <numerusform>%n run added</numerusform>
            <numerusform>%n runs added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) fewer</source>
        <translation>
            <numerusform>%n run fewer</numerusform>
            <numerusform>%n runs fewer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verdict(s) changed</source>
        <translation>
            <numerusform>%n verdict changed</numerusform>
            <numerusform>%n verdicts changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n completed measurement(s) compare other runs of the same queries. The jobs just imported may hold more of those runs.</source>
        <translation>
            <numerusform>%n completed measurement compares other runs of the same queries. The jobs just imported may hold more of those runs.</numerusform>
            <numerusform>%n completed measurements compare other runs of the same queries. The jobs just imported may hold more of those runs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeasurementDetailPane</name>
    <message numerus="yes">
        <source>before: %n run(s)</source>
        <translation>
            <numerusform>before: %n run</numerusform>
            <numerusform>before: %n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>after: %n run(s)</source>
        <translation>
            <numerusform>after: %n run</numerusform>
            <numerusform>after: %n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) without a start time not shown.</source>
        <translation>
            <numerusform>%n run without a start time not shown.</numerusform>
            <numerusform>%n runs without a start time not shown.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeasurementTableModel</name>
    <message numerus="yes">
        <source>Besides the named jobs, the history&apos;s runs of the same queries within %n day(s) of the after job.</source>
        <translation>
            <numerusform>Besides the named jobs, the history&apos;s runs of the same queries within %n day of the after job.</numerusform>
            <numerusform>Besides the named jobs, the history&apos;s runs of the same queries within %n days of the after job.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ran %Ln time(s) in the 30 days before the before job (itself included): %1 runs per day.
%2 saved per run × %1 runs per day × 30 days = %3 per month.</source>
        <translation>
            <numerusform>Ran once in the 30 days before the before job (itself included): %1 runs per day.
%2 saved per run × %1 runs per day × 30 days = %3 per month.</numerusform>
            <numerusform>Ran %Ln times in the 30 days before the before job (itself included): %1 runs per day.
%2 saved per run × %1 runs per day × 30 days = %3 per month.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecommendationListModel</name>
    <message numerus="yes">
        <source>No calibrated estimate: this issue type has fewer than %1 completed measurements with an estimate in the last %n day(s).</source>
        <translation>
            <numerusform>No calibrated estimate: this issue type has fewer than %1 completed measurements with an estimate in the last day.</numerusform>
            <numerusform>No calibrated estimate: this issue type has fewer than %1 completed measurements with an estimate in the last %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Estimate %1 × factor %2 learned from %Ln completed measurement(s) of this issue type in the last %3 days = %4</source>
        <translation>
            <numerusform>Estimate %1 × factor %2 learned from %Ln completed measurement of this issue type in the last %3 days = %4</numerusform>
            <numerusform>Estimate %1 × factor %2 learned from %Ln completed measurements of this issue type in the last %3 days = %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The estimate × the calibration factor of its issue type (how the actual improvements compared with the estimates), learned from the completed measurements of the last %n day(s); blank where the type has fewer than %1 of them.</source>
        <translation>
            <numerusform>The estimate × the calibration factor of its issue type (how the actual improvements compared with the estimates), learned from the completed measurements of the last day; blank where the type has fewer than %1 of them.</numerusform>
            <numerusform>The estimate × the calibration factor of its issue type (how the actual improvements compared with the estimates), learned from the completed measurements of the last %n days; blank where the type has fewer than %1 of them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> day(s)</source>
        <translation>
            <numerusform> day</numerusform>
            <numerusform> days</numerusform>
        </translation>
    </message>
</context>
</TS>
