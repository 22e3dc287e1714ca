<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AfterJobDialog</name>
    <message>
        <source>Enter after job</source>
        <translation>Nachher-Job eingeben</translation>
    </message>
    <message>
        <source>ID of the optimized job, e.g. 01b7c3a2-…</source>
        <translation>ID des optimierten Jobs, z. B. 01b7c3a2-…</translation>
    </message>
    <message>
        <source>&amp;Recommendation:</source>
        <translation>&amp;Empfehlung:</translation>
    </message>
    <message>
        <source>&amp;After job:</source>
        <translation>&amp;Nachher-Job:</translation>
    </message>
    <message>
        <source>: the before job took 0 ms, so the improvement cannot be computed</source>
        <translation>: Der Vorher-Job dauerte 0 ms, daher lässt sich die Verbesserung nicht berechnen</translation>
    </message>
    <message>
        <source>: %1 % faster</source>
        <translation>: %1 % schneller</translation>
    </message>
    <message>
        <source>estimated %1 %</source>
        <translation>geschätzt %1 %</translation>
    </message>
    <message>
        <source>meets expectation</source>
        <translation>Erwartung erfüllt</translation>
    </message>
    <message>
        <source>does not meet expectation</source>
        <translation>Erwartung nicht erfüllt</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>Er&amp;fassen</translation>
    </message>
    <message>
        <source>There is no recommendation %1.</source>
        <translation>Es gibt keine Empfehlung %1.</translation>
    </message>
    <message>
        <source>Recommendation %1 has no open measurement: start one on the Recommendations page first (it records the before job %2).</source>
        <translation>Empfehlung %1 hat keine offene Messung: Starten Sie zuerst eine auf der Seite „Empfehlungen“ (sie erfasst den Vorher-Job %2).</translation>
    </message>
    <message>
        <source>%1 — completed with after job %2; a new ID corrects it.</source>
        <translation>%1 — abgeschlossen mit Nachher-Job %2; eine neue ID korrigiert ihn.</translation>
    </message>
    <message>
        <source>&amp;Correct</source>
        <translation>&amp;Korrigieren</translation>
    </message>
    <message>
        <source>Job %1 is already the after job.</source>
        <translation>Job %1 ist bereits der Nachher-Job.</translation>
    </message>
    <message>
        <source>There is no job %1 in the database. Import it first, or check the ID (IDs are case-sensitive).</source>
        <translation>Job %1 ist nicht in der Datenbank vorhanden. Importieren Sie ihn zuerst oder prüfen Sie die ID (bei IDs wird zwischen Groß- und Kleinschreibung unterschieden).</translation>
    </message>
    <message>
        <source>Job %1 is the before job of this recommendation; type the optimized job&apos;s ID.</source>
        <translation>Job %1 ist der Vorher-Job dieser Empfehlung; geben Sie die ID des optimierten Jobs ein.</translation>
    </message>
    <message>
        <source>Record it anyway: I know this job was served from a result cache</source>
        <translation>Trotzdem erfassen: Ich weiß, dass dieser Job aus einem Ergebnis-Cache bedient wurde</translation>
    </message>
    <message>
        <source>Job %1 was served from a result cache: its metrics are not a real run and would show a false improvement. Pick the optimized job&apos;s real run, or confirm below.</source>
        <translation>Job %1 wurde aus einem Ergebnis-Cache bedient: Seine Metriken stammen aus keinem echten Lauf und würden eine falsche Verbesserung zeigen. Wählen Sie den echten Lauf des optimierten Jobs oder bestätigen Sie unten.</translation>
    </message>
    <message>
        <source>Its id, or words of its title or job ID</source>
        <translation>Ihre ID oder Wörter ihres Titels oder ihrer Job-ID</translation>
    </message>
    <message>
        <source>#%1 %2 (job %3)</source>
        <translation>#%1 %2 (Job %3)</translation>
    </message>
    <message>
        <source>duration %1 → %2</source>
        <translation>Dauer %1 → %2</translation>
    </message>
    <message>
        <source>: %1 % slower — a regression</source>
        <translation>: %1 % langsamer — eine Regression</translation>
    </message>
    <message>
        <source>no estimate (judged against 0 %)</source>
        <translation>keine Schätzung (an 0 % gemessen)</translation>
    </message>
    <message>
        <source>Type the recommendation&apos;s id, or words of its title or job ID.</source>
        <translation>Geben Sie die ID der Empfehlung oder Wörter ihres Titels oder ihrer Job-ID ein.</translation>
    </message>
    <message>
        <source>Choose the recommendation below (↓, then Enter), or type its id.</source>
        <translation>Wählen Sie die Empfehlung unten (↓, dann Enter) oder geben Sie ihre ID ein.</translation>
    </message>
    <message>
        <source>Looking for recommendations…</source>
        <translation>Empfehlungen werden gesucht…</translation>
    </message>
    <message>
        <source>No recommendation&apos;s title or job ID contains &quot;%1&quot;.</source>
        <translation>Kein Titel und keine Job-ID einer Empfehlung enthält „%1“.</translation>
    </message>
    <message>
        <source>%1 — before job %2, %3.</source>
        <translation>%1 — Vorher-Job %2, %3.</translation>
    </message>
    <message>
        <source>Job %1 started on %2, before the before job %3 (%4): is it really the optimized run?</source>
        <translation>Job %1 begann am %2, vor dem Vorher-Job %3 (%4): Ist er wirklich der optimierte Lauf?</translation>
    </message>
    <message>
        <source>Job %1 is already the after job of recommendation %2.</source>
        <translation>Job %1 ist bereits der Nachher-Job von Empfehlung %2.</translation>
    </message>
    <message>
        <source>Job %1 is already the before job of recommendation %2.</source>
        <translation>Job %1 ist bereits der Vorher-Job von Empfehlung %2.</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Include other runs of the same queries (within %n day(s) of the after job)</source>
        <translation>
            <numerusform>&amp;Andere Läufe derselben Abfragen einbeziehen (bis %n Tag um den Nachher-Job)</numerusform>
            <numerusform>&amp;Andere Läufe derselben Abfragen einbeziehen (bis %n Tage um den Nachher-Job)</numerusform>
        </translation>
    </message>
    <message>
        <source>Compare the history&apos;s other runs of the original query (before the after job) and of the optimized query (after it), not one run of each: a verdict needs several runs, because durations vary from run to run. The number of days is a setting (Settings ▸ Preferences).</source>
        <translation>Vergleicht die weiteren Läufe der ursprünglichen Abfrage (vor dem Nachher-Job) und der optimierten Abfrage (danach) aus dem Verlauf statt je eines Laufs: Ein Urteil braucht mehrere Läufe, weil Laufzeiten von Lauf zu Lauf schwanken. Die Zahl der Tage ist eine Einstellung (Einstellungen ▸ Optionen).</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) before</source>
        <translation>
            <numerusform>%n Lauf davor</numerusform>
            <numerusform>%n Läufe davor</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n after</source>
        <translation>
            <numerusform>%n danach</numerusform>
            <numerusform>%n danach</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: too few runs for a verdict</source>
        <translation>%1: zu wenige Läufe für ein Urteil</translation>
    </message>
    <message>
        <source>%1 % faster</source>
        <translation>%1 % schneller</translation>
    </message>
    <message>
        <source>%1 % slower</source>
        <translation>%1 % langsamer</translation>
    </message>
    <message>
        <source>95 % CI %1 – %2 %</source>
        <translation>95-%-KI %1 – %2 %</translation>
    </message>
    <message>
        <source>Job %1 has no query hash, so its other runs cannot be found: only the named jobs are compared.</source>
        <translation>Job %1 hat keinen Abfrage-Hash, daher lassen sich seine anderen Läufe nicht finden: Nur die genannten Jobs werden verglichen.</translation>
    </message>
    <message>
        <source>Job %1 has no start time, so its other runs cannot be told before from after it: only the named jobs are compared.</source>
        <translation>Job %1 hat keine Startzeit, daher lassen sich seine anderen Läufe nicht in davor und danach teilen: Nur die genannten Jobs werden verglichen.</translation>
    </message>
    <message>
        <source>Looking for jobs of this query…</source>
        <translation>Suche nach Jobs dieser Abfrage…</translation>
    </message>
    <message>
        <source>No suggestions: neither the recommendation&apos;s implementation time nor the before job&apos;s start is known.</source>
        <translation>Keine Vorschläge: Weder der Umsetzungszeitpunkt der Empfehlung noch der Start des Vorher-Jobs ist bekannt.</translation>
    </message>
    <message numerus="yes">
        <source>No jobs of this query ran in the %n day(s) after %1.</source>
        <translation>
            <numerusform>Innerhalb von %n Tag nach %1 lief kein Job dieser Abfrage.</numerusform>
            <numerusform>Innerhalb von %n Tagen nach %1 lief kein Job dieser Abfrage.</numerusform>
        </translation>
    </message>
    <message>
        <source>Type or paste the after job&apos;s ID, or pick a suggestion (↓, then Enter).</source>
        <translation>Geben Sie die ID des Nachher-Jobs ein oder fügen Sie sie ein, oder wählen Sie einen Vorschlag (↓, dann Enter).</translation>
    </message>
    <message>
        <source>Type or paste the after job&apos;s ID (↓ chooses among the known ones).</source>
        <translation>Geben Sie die ID des Nachher-Jobs ein oder fügen Sie sie ein (↓ wählt unter den bekannten).</translation>
    </message>
    <message>
        <source>This looks like a different query: similarity %1</source>
        <translation>Das sieht nach einer anderen Abfrage aus: Ähnlichkeit %1</translation>
    </message>
</context>
<context>
    <name>AfterSuggestionList</name>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <source>1.00: the before job&apos;s query hash; else how similar the two queries&apos; words are (listed from %1)</source>
        <translation>1,00: der Abfrage-Hash des Vorher-Jobs; sonst, wie ähnlich die Wörter der beiden Abfragen sind (aufgeführt ab %1)</translation>
    </message>
    <message>
        <source>The job&apos;s query on one line; in bold colour the words and symbols that the before job&apos;s query does not have</source>
        <translation>Die Abfrage des Jobs in einer Zeile; fett und farbig die Wörter und Zeichen, die die Abfrage des Vorher-Jobs nicht hat</translation>
    </message>
    <message>
        <source>same query</source>
        <translation>gleiche Abfrage</translation>
    </message>
    <message>
        <source>similar text</source>
        <translation>ähnlicher Text</translation>
    </message>
    <message>
        <source>same_hash: the job has the before job&apos;s query hash</source>
        <translation>same_hash: Der Job hat den Abfrage-Hash des Vorher-Jobs</translation>
    </message>
    <message>
        <source>similar_text: the words of the job&apos;s query and of the before job&apos;s are %1 alike (Jaccard similarity of their tokens)</source>
        <translation>similar_text: Die Wörter der Abfrage des Jobs und der des Vorher-Jobs sind zu %1 gleich (Jaccard-Ähnlichkeit ihrer Tokens)</translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>CalibrationChart</name>
    <message>
        <source>Mean estimate</source>
        <translation>Mittlere Schätzung</translation>
    </message>
    <message>
        <source>Mean actual</source>
        <translation>Mittleres Ergebnis</translation>
    </message>
    <message>
        <source>Estimated vs actual by issue type</source>
        <translation>Schätzung und Ergebnis nach Problemtyp</translation>
    </message>
    <message>
        <source>Mean duration improvement, %</source>
        <translation>Mittlere Verbesserung der Dauer, %</translation>
    </message>
    <message>
        <source>Nothing to compare yet: no completed measurement in this window has an estimate.</source>
        <translation>Noch nichts zu vergleichen: Keine abgeschlossene Messung in diesem Zeitraum hat eine Schätzung.</translation>
    </message>
    <message>
        <source>All issue types</source>
        <translation>Alle Problemtypen</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 Pkt.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln completed measurement(s) with an estimate</source>
        <translation>
            <numerusform>%Ln abgeschlossene Messung mit Schätzung</numerusform>
            <numerusform>%Ln abgeschlossene Messungen mit Schätzung</numerusform>
        </translation>
    </message>
    <message>
        <source>Mean estimate %1 · mean actual %2</source>
        <translation>Mittlere Schätzung %1 · mittleres Ergebnis %2</translation>
    </message>
    <message>
        <source>Bias %1: actual minus estimate, on average</source>
        <translation>Abweichung %1: Ergebnis minus Schätzung, im Mittel</translation>
    </message>
    <message>
        <source>Mean absolute error %1 pts</source>
        <translation>Mittlerer absoluter Fehler %1 Pkt.</translation>
    </message>
    <message>
        <source>Calibration factor %1: the estimate × %1 fits the actual improvements best</source>
        <translation>Kalibrierungsfaktor %1: Schätzung × %1 passt am besten zu den tatsächlichen Verbesserungen</translation>
    </message>
    <message>
        <source>No calibration factor: every estimate is 0</source>
        <translation>Kein Kalibrierungsfaktor: Jede Schätzung ist 0</translation>
    </message>
    <message>
        <source>Too few measurements (fewer than %1) to calibrate this type&apos;s estimates</source>
        <translation>Zu wenige Messungen (weniger als %1), um die Schätzungen dieses Typs zu kalibrieren</translation>
    </message>
    <message>
        <source>Success rate %1</source>
        <translation>Erfolgsquote %1</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <source>Export as PNG, SVG or PDF…</source>
        <translation>Als PNG, SVG oder PDF exportieren…</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Size in pixels:</source>
        <translation>Größe in Pixeln:</translation>
    </message>
    <message>
        <source>%1: choose a .png, .svg or .pdf file</source>
        <translation>%1: Wählen Sie eine .png-, .svg- oder .pdf-Datei</translation>
    </message>
    <message>
        <source>%1: cannot be written: the folder does not exist or is read-only</source>
        <translation>%1: kann nicht geschrieben werden: Der Ordner existiert nicht oder ist schreibgeschützt</translation>
    </message>
    <message>
        <source>%1: cannot be written</source>
        <translation>%1: kann nicht geschrieben werden</translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Letzter %n Tag</numerusform>
            <numerusform>Letzte %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>All issue types</source>
        <translation>Alle Problemtypen</translation>
    </message>
    <message>
        <source>Optimeter, %1</source>
        <translation>Optimeter, %1</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Measurements</source>
        <translation>Messungen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Average improvement</source>
        <translation>Durchschnittliche Verbesserung</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>Time saved</source>
        <translation>Eingesparte Zeit</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>in the window</source>
        <translation>im Zeitraum</translation>
    </message>
    <message>
        <source>%1 still waiting for an after job</source>
        <translation>davon %1 noch ohne Nachher-Job</translation>
    </message>
    <message>
        <source>duration, over completed measurements</source>
        <translation>Dauer, über alle abgeschlossenen Messungen</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>nothing completed yet; target %1</source>
        <translation>noch nichts abgeschlossen; Ziel %1</translation>
    </message>
    <message>
        <source>✔ on target (%1)</source>
        <translation>✔ Ziel erreicht (%1)</translation>
    </message>
    <message>
        <source>✘ below target (%1)</source>
        <translation>✘ unter dem Ziel (%1)</translation>
    </message>
    <message>
        <source>lost: regressions outweigh gains</source>
        <translation>verloren: Regressionen überwiegen die Gewinne</translation>
    </message>
    <message>
        <source>Against the estimate</source>
        <translation>Gemessen an der Schätzung</translation>
    </message>
    <message>
        <source>of query time, if each optimized query ran once</source>
        <translation>Abfragezeit, wenn jede optimierte Abfrage einmal liefe</translation>
    </message>
    <message>
        <source>%1 met</source>
        <translation>%1 erfüllt</translation>
    </message>
    <message>
        <source>of %1 completed: %2 of them exceeded · %3 below estimate · %4</source>
        <translation>von %1 abgeschlossenen: davon %2 übertroffen · %3 unter der Schätzung · %4</translation>
    </message>
    <message numerus="yes">
        <source>%n regression(s)</source>
        <translation>
            <numerusform>%n Regression</numerusform>
            <numerusform>%n Regressionen</numerusform>
        </translation>
    </message>
    <message>
        <source>Proven improvements</source>
        <translation>Nachgewiesene Verbesserungen</translation>
    </message>
    <message>
        <source>completed measurements whose runs prove they got faster</source>
        <translation>abgeschlossene Messungen, deren Läufe beweisen, dass sie schneller wurden</translation>
    </message>
    <message>
        <source>%1 improved</source>
        <translation>%1 verbessert</translation>
    </message>
    <message>
        <source>%1 no change</source>
        <translation>%1 unverändert</translation>
    </message>
    <message>
        <source>%1 regressed</source>
        <translation>%1 verschlechtert</translation>
    </message>
    <message>
        <source>%1 insufficient runs</source>
        <translation>%1 zu wenige Läufe</translation>
    </message>
    <message>
        <source>Projected hours saved / month</source>
        <translation>Hochgerechnet eingesparte Stunden / Monat</translation>
    </message>
    <message>
        <source>if each query keeps running as often as before</source>
        <translation>wenn jede Abfrage so oft läuft wie bisher</translation>
    </message>
</context>
<context>
    <name>DistributionChart</name>
    <message>
        <source>Regressions</source>
        <translation>Regressionen</translation>
    </message>
    <message>
        <source>Gains</source>
        <translation>Gewinne</translation>
    </message>
    <message>
        <source>Improvement distribution</source>
        <translation>Verteilung der Verbesserungen</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Messungen</translation>
    </message>
    <message>
        <source>Improvement distribution — median %1 %, %2 measurements</source>
        <translation>Verteilung der Verbesserungen — Median %1 %, %2 Messungen</translation>
    </message>
    <message>
        <source>Duration improvement, %</source>
        <translation>Verbesserung der Dauer, %</translation>
    </message>
</context>
<context>
    <name>ImportJobsDialog</name>
    <message>
        <source>Query history exports (*.csv *.json *.ndjson *.jsonl *.txt);;All files (*)</source>
        <translation>Abfrageverlauf-Exporte (*.csv *.json *.ndjson *.jsonl *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Import jobs</source>
        <translation>Jobs importieren</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Recognise from the header</source>
        <translation>Aus der Kopfzeile erkennen</translation>
    </message>
    <message>
        <source>Generic CSV (Optimeter columns)</source>
        <translation>Generisches CSV (Optimeter-Spalten)</translation>
    </message>
    <message>
        <source>Snowflake QUERY_HISTORY</source>
        <translation>Snowflake QUERY_HISTORY</translation>
    </message>
    <message>
        <source>Databricks system.query.history (CSV, JSON)</source>
        <translation>Databricks system.query.history (CSV, JSON)</translation>
    </message>
    <message>
        <source>PostgreSQL pg_stat_statements snapshot</source>
        <translation>PostgreSQL-pg_stat_statements-Momentaufnahme</translation>
    </message>
    <message>
        <source>Trino event-listener queries</source>
        <translation>Trino-Event-Listener-Abfragen</translation>
    </message>
    <message>
        <source>Optional: a later snapshot, to measure the calls between the two</source>
        <translation>Optional: eine spätere Momentaufnahme, um die Aufrufe dazwischen zu messen</translation>
    </message>
    <message>
        <source>&amp;Export file:</source>
        <translation>&amp;Exportdatei:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Second snapshot:</source>
        <translation>&amp;Zweite Momentaufnahme:</translation>
    </message>
    <message>
        <source>Second snapshot</source>
        <translation>Zweite Momentaufnahme</translation>
    </message>
    <message>
        <source>Every metric is converted to milliseconds and bytes; a metric the engine does not export stays empty. Jobs served from a result cache are flagged. Nothing is written unless the whole import succeeds.</source>
        <translation>Jede Metrik wird in Millisekunden und Bytes umgerechnet; eine Metrik, die die Engine nicht exportiert, bleibt leer. Aus einem Ergebnis-Cache bediente Jobs werden markiert. Nur ein vollständig erfolgreicher Import wird geschrieben.</translation>
    </message>
    <message>
        <source>%1: %2 records read (%3 format, %4).</source>
        <translation>%1: %2 Datensätze gelesen (Format %3, %4).</translation>
    </message>
    <message>
        <source>%1 inserted, %2 updated, %3 unchanged, %4 repeated in the file (the last one wins), %5 rejected.</source>
        <translation>%1 eingefügt, %2 aktualisiert, %3 unverändert, %4 in der Datei wiederholt (der letzte gilt), %5 abgelehnt.</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) served from a result cache: never offered as an after job without confirmation.</source>
        <translation>
            <numerusform>%n Job aus einem Ergebnis-Cache bedient: wird ohne Bestätigung nie als Nachher-Job angeboten.</numerusform>
            <numerusform>%n Jobs aus einem Ergebnis-Cache bedient: werden ohne Bestätigung nie als Nachher-Jobs angeboten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ignored unknown columns: %1</source>
        <translation>Unbekannte Spalten ignoriert: %1</translation>
    </message>
    <message>
        <source>Conversions:</source>
        <translation>Umrechnungen:</translation>
    </message>
    <message>
        <source>Rejected:</source>
        <translation>Abgelehnt:</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) rejected:</source>
        <translation>
            <numerusform>%n Datensatz abgelehnt:</numerusform>
            <numerusform>%n Datensätze abgelehnt:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more: Show Details lists them.</source>
        <translation>
            <numerusform>… und %n weiterer: „Details anzeigen“ listet ihn auf.</numerusform>
            <numerusform>… und %n weitere: „Details anzeigen“ listet sie auf.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Skip invalid records: import the others and list the rejected lines</source>
        <translation>Ungültige Datensätze ü&amp;berspringen: die übrigen importieren und die abgelehnten Zeilen auflisten</translation>
    </message>
    <message>
        <source>BigQuery INFORMATION_SCHEMA.JOBS or Job resources (CSV, JSON)</source>
        <translation>BigQuery INFORMATION_SCHEMA.JOBS oder Job-Ressourcen (CSV, JSON)</translation>
    </message>
    <message>
        <source>Dremio sys.jobs_recent or Cloud job history (CSV, JSON)</source>
        <translation>Dremio sys.jobs_recent oder Cloud-Jobverlauf (CSV, JSON)</translation>
    </message>
    <message>
        <source>%1 merged into the job of another record, %2 skipped (see the notes).</source>
        <translation>%1 in den Job eines anderen Datensatzes übernommen, %2 übersprungen (siehe Hinweise).</translation>
    </message>
</context>
<context>
    <name>IssueTypeText</name>
    <message>
        <source>Missing partition filter</source>
        <translation>Fehlender Partitionsfilter</translation>
    </message>
    <message>
        <source>SELECT * (all columns)</source>
        <translation>SELECT * (alle Spalten)</translation>
    </message>
    <message>
        <source>Missing clustering</source>
        <translation>Fehlendes Clustering</translation>
    </message>
    <message>
        <source>Cartesian join</source>
        <translation>Kartesischer Join</translation>
    </message>
    <message>
        <source>Inefficient join order</source>
        <translation>Ineffiziente Join-Reihenfolge</translation>
    </message>
    <message>
        <source>Unnecessary sort</source>
        <translation>Unnötige Sortierung</translation>
    </message>
    <message>
        <source>Repeated subquery</source>
        <translation>Wiederholte Unterabfrage</translation>
    </message>
    <message>
        <source>Identifier: %1</source>
        <translation>Kennung: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>JobListModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Data scanned</source>
        <translation>Gescannte Daten</translation>
    </message>
    <message>
        <source>CPU time</source>
        <translation>CPU-Zeit</translation>
    </message>
    <message>
        <source>success</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>%1, from cache</source>
        <translation>%1, aus dem Cache</translation>
    </message>
    <message>
        <source>Served from a result cache: its metrics are not a real run, and it is offered as an after job only with confirmation.</source>
        <translation>Aus einem Ergebnis-Cache bedient: Seine Metriken stammen aus keinem echten Lauf; als Nachher-Job wird er nur mit Bestätigung angeboten.</translation>
    </message>
    <message>
        <source>A job that did not succeed has no metrics worth comparing: it cannot be a before or an after job.</source>
        <translation>Ein nicht erfolgreicher Job hat keine vergleichbaren Metriken: Er kann weder Vorher- noch Nachher-Job sein.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>JobsPage</name>
    <message>
        <source>&amp;Import jobs…</source>
        <translation>Jobs &amp;importieren…</translation>
    </message>
    <message>
        <source>Search job ID, user, warehouse or query text</source>
        <translation>Job-ID, Benutzer, Warehouse oder Abfragetext durchsuchen</translation>
    </message>
    <message>
        <source>Shows the jobs whose ID, user, warehouse or query text contains this text, in any case</source>
        <translation>Zeigt die Jobs, deren ID, Benutzer, Warehouse oder Abfragetext diesen Text enthält (unabhängig von Groß- und Kleinschreibung)</translation>
    </message>
    <message>
        <source>Counting jobs…</source>
        <translation>Jobs werden gezählt…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Wird gesucht…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln job(s)</source>
        <translation>
            <numerusform>%Ln Job</numerusform>
            <numerusform>%Ln Jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of %1 job(s) match &apos;%2&apos;</source>
        <translation>
            <numerusform>%Ln von %1 Jobs passt zu „%2“</numerusform>
            <numerusform>%Ln von %1 Jobs passen zu „%2“</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, showing the first %Ln</source>
        <comment>a count of jobs, then how many of them are listed</comment>
        <translation>
            <numerusform>%1, der erste wird angezeigt</numerusform>
            <numerusform>%1, die ersten %Ln werden angezeigt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 — Optimeter</source>
        <translation>%1 — Optimeter</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>D&amp;ashboard</translation>
    </message>
    <message>
        <source>&amp;Measurements</source>
        <translation>&amp;Messungen</translation>
    </message>
    <message>
        <source>&amp;Recommendations</source>
        <translation>&amp;Empfehlungen</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>&amp;Jobs</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New SQLite database…</source>
        <translation>&amp;Neue SQLite-Datenbank…</translation>
    </message>
    <message>
        <source>&amp;Open SQLite database…</source>
        <translation>SQLite-Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Connect to &amp;PostgreSQL…</source>
        <translation>Mit &amp;PostgreSQL verbinden…</translation>
    </message>
    <message>
        <source>&amp;Recent databases</source>
        <translation>&amp;Zuletzt verwendete Datenbanken</translation>
    </message>
    <message>
        <source>Import &amp;jobs…</source>
        <translation>&amp;Jobs importieren…</translation>
    </message>
    <message>
        <source>Import &amp;recommendations…</source>
        <translation>&amp;Empfehlungen importieren…</translation>
    </message>
    <message>
        <source>Export CSV &amp;report…</source>
        <translation>&amp;CSV-Bericht exportieren…</translation>
    </message>
    <message>
        <source>Export dashboard as P&amp;DF…</source>
        <translation>&amp;Dashboard als PDF exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Enter after job…</source>
        <translation>Nachher-Job &amp;eingeben…</translation>
    </message>
    <message>
        <source>&amp;Paste after jobs</source>
        <translation>Nachher-Jobs ein&amp;fügen</translation>
    </message>
    <message>
        <source>Paste after jobs</source>
        <translation>Nachher-Jobs einfügen</translation>
    </message>
    <message>
        <source>Record lines of &quot;recommendation,after_job&quot; from the clipboard</source>
        <translation>Zeilen im Format &quot;recommendation,after_job&quot; aus der Zwischenablage erfassen</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Optimeter</source>
        <translation>&amp;Über Optimeter</translation>
    </message>
    <message>
        <source>About Optimeter</source>
        <translation>Über Optimeter</translation>
    </message>
    <message>
        <source>&lt;b&gt;Optimeter %1&lt;/b&gt;&lt;p&gt;Proves whether query optimizations paid off.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL version 3.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Optimeter %1&lt;/b&gt;&lt;p&gt;Belegt, ob sich Abfrageoptimierungen ausgezahlt haben.&lt;/p&gt;&lt;p&gt;Lizenziert unter der GNU GPL Version 3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Letzter %n Tag</numerusform>
            <numerusform>Letzte %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source> Window: </source>
        <translation> Zeitraum: </translation>
    </message>
    <message>
        <source>  Issue type: </source>
        <translation>  Problemtyp: </translation>
    </message>
    <message>
        <source>Enter after job…</source>
        <translation>Nachher-Job eingeben…</translation>
    </message>
    <message>
        <source>Type the optimized job&apos;s ID for a recommendation (Ctrl+E)</source>
        <translation>Geben Sie die ID des optimierten Jobs zu einer Empfehlung ein (Strg+E)</translation>
    </message>
    <message>
        <source>All issue types</source>
        <translation>Alle Problemtypen</translation>
    </message>
    <message>
        <source>%1 measurements (%2 completed) in the window · %3 recommendations · %4 jobs</source>
        <translation>%1 Messungen (%2 abgeschlossen) im Zeitraum · %3 Empfehlungen · %4 Jobs</translation>
    </message>
    <message>
        <source>Optimeter</source>
        <translation>Optimeter</translation>
    </message>
    <message>
        <source>Start measurement</source>
        <translation>Messung starten</translation>
    </message>
    <message>
        <source>Enter after job</source>
        <translation>Nachher-Job eingeben</translation>
    </message>
    <message>
        <source>line %1: expected &quot;recommendation,after_job&quot;, got &quot;%2&quot;</source>
        <translation>Zeile %1: &quot;recommendation,after_job&quot; erwartet, erhalten: &quot;%2&quot;</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>line %1: recommendation %2 → %3: %4</source>
        <translation>Zeile %1: Empfehlung %2 → %3: %4</translation>
    </message>
    <message>
        <source>%1, %2
</source>
        <translation>%1, %2
</translation>
    </message>
    <message numerus="yes">
        <source>%n recorded</source>
        <translation>
            <numerusform>%n erfasst</numerusform>
            <numerusform>%n erfasst</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n abgelehnt</numerusform>
            <numerusform>%n abgelehnt</numerusform>
        </translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <source>New SQLite database</source>
        <translation>Neue SQLite-Datenbank</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>%1 exists already; open it instead.</source>
        <translation>%1 existiert bereits; öffnen Sie die Datei stattdessen.</translation>
    </message>
    <message>
        <source>Open SQLite database</source>
        <translation>SQLite-Datenbank öffnen</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import recommendations</source>
        <translation>Empfehlungen importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>Import of %1 canceled; nothing was written.</source>
        <translation>Import von %1 abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Import of %1 rejected; nothing was written.
%2</source>
        <translation>Import von %1 abgelehnt; es wurde nichts geschrieben.
%2</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>%1: %2 rows read, %3 inserted, %4 updated, %5 repeated in the file (the last one wins), 0 rejected.</source>
        <translation>%1: %2 Zeilen gelesen, %3 eingefügt, %4 aktualisiert, %5 in der Datei wiederholt (die letzte gilt), 0 abgelehnt.</translation>
    </message>
    <message>
        <source>Ignored unknown columns: %1</source>
        <translation>Unbekannte Spalten ignoriert: %1</translation>
    </message>
    <message>
        <source>Export CSV report</source>
        <translation>CSV-Bericht exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n measurement(s) to %1</source>
        <translation>
            <numerusform>%n Messung in %1 geschrieben</numerusform>
            <numerusform>%n Messungen in %1 geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Export dashboard as PDF</source>
        <translation>Dashboard als PDF exportieren</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Optimeter dashboard</source>
        <translation>Optimeter-Dashboard</translation>
    </message>
    <message>
        <source>%1: cannot be written</source>
        <translation>%1: kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>Empty database</source>
        <translation>Leere Datenbank</translation>
    </message>
    <message>
        <source>%1 holds no recommendations yet. Fill it with realistic demo data (5,000 measurements) to explore Optimeter?</source>
        <translation>%1 enthält noch keine Empfehlungen. Soll die Datenbank mit realistischen Demodaten (5.000 Messungen) gefüllt werden, damit Sie Optimeter erkunden können?</translation>
    </message>
    <message>
        <source>Creating demo data…</source>
        <translation>Demodaten werden erstellt…</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demodaten</translation>
    </message>
    <message>
        <source>Export &amp;chart</source>
        <translation>Dia&amp;gramm exportieren</translation>
    </message>
    <message>
        <source>Improvement &amp;distribution…</source>
        <translation>&amp;Verteilung der Verbesserungen…</translation>
    </message>
    <message>
        <source>&amp;Success rate…</source>
        <translation>&amp;Erfolgsquote…</translation>
    </message>
    <message>
        <source>&amp;Estimated vs actual…</source>
        <translation>&amp;Geschätzt vs. tatsächlich…</translation>
    </message>
    <message>
        <source>Updated: another program saved changes to the database</source>
        <translation>Aktualisiert: ein anderes Programm hat Änderungen in der Datenbank gespeichert</translation>
    </message>
    <message>
        <source>Database location</source>
        <translation>Speicherort der Datenbank</translation>
    </message>
    <message>
        <source>The import had finished before it could be canceled.</source>
        <translation>Der Import war schon abgeschlossen, bevor er abgebrochen werden konnte.</translation>
    </message>
    <message>
        <source>&amp;Re-judge measurements…</source>
        <translation>Messungen neu &amp;beurteilen…</translation>
    </message>
    <message>
        <source>Judge every completed measurement again with the tolerance of your settings</source>
        <translation>Jede abgeschlossene Messung mit der Toleranz Ihrer Einstellungen neu beurteilen</translation>
    </message>
    <message>
        <source>Re-judge measurements</source>
        <translation>Messungen neu beurteilen</translation>
    </message>
    <message>
        <source>The measurements are judged with your tolerance of %1 points already.</source>
        <translation>Die Messungen sind bereits mit Ihrer Toleranz von %1 Punkten beurteilt.</translation>
    </message>
    <message>
        <source>The recorded measurements were judged with a tolerance of %1 points; your setting is now %2.

Judge every completed measurement again with %2 points? Until then the dashboard keeps showing them, and judges new ones, with %1. Edit ▸ Undo puts the earlier judgements back.</source>
        <translation>Die erfassten Messungen wurden mit einer Toleranz von %1 Punkten beurteilt; Ihre Einstellung ist jetzt %2.

Jede abgeschlossene Messung mit %2 Punkten neu beurteilen? Bis dahin zeigt das Dashboard sie – und beurteilt neue – mit %1. Bearbeiten ▸ Rückgängig stellt die früheren Beurteilungen wieder her.</translation>
    </message>
    <message>
        <source>Judging the measurements again…</source>
        <translation>Die Messungen werden neu beurteilt…</translation>
    </message>
    <message numerus="yes">
        <source>Judged %n measurement(s) again with a tolerance of %1 points: %2 changed.</source>
        <translation>
            <numerusform>%n Messung mit einer Toleranz von %1 Punkten neu beurteilt: %2 geändert.</numerusform>
            <numerusform>%n Messungen mit einer Toleranz von %1 Punkten neu beurteilt: %2 geändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>Rückgängig gemacht: %1</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>Wiederhergestellt: %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Wiederherstellen: %1</translation>
    </message>
    <message>
        <source>&amp;How measurements are judged</source>
        <translation>&amp;Wie Messungen beurteilt werden</translation>
    </message>
    <message>
        <source>How measurements are judged</source>
        <translation>Wie Messungen beurteilt werden</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Improvement&lt;/b&gt;: how much faster the optimized (after) job ran than the original (before) job, in %: (before − after) ÷ before × 100.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Percentage points&lt;/b&gt; (&quot;points&quot;): the difference between two percentages. An improvement of 30 % against an estimate of 50 % misses it by 20 points.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Tolerance&lt;/b&gt; (now %1 points): how far below its estimate an improvement may stay and still count.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Met&lt;/b&gt;: the improvement is at least the estimate minus the tolerance, and the job did not get slower. A recommendation without an estimate is judged against 0 %.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Exceeded&lt;/b&gt;: met, and better than the estimate by more than %2 points (the &quot;exceeded&quot; margin).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Below estimate&lt;/b&gt;: faster, but by less than that. &lt;b&gt;Regression&lt;/b&gt;: slower than before; it never meets an estimate. &lt;b&gt;Pending&lt;/b&gt;: no after job yet.&lt;/p&gt;&lt;p&gt;The &lt;b&gt;success rate&lt;/b&gt; is met ÷ completed. Settings ▸ Preferences sets the tolerance, the margin and the target.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Verbesserung&lt;/b&gt;: wie viel schneller der optimierte (Nachher-)Job lief als der ursprüngliche (Vorher-)Job, in %: (vorher − nachher) ÷ vorher × 100.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Prozentpunkte&lt;/b&gt; („Punkte“): der Unterschied zwischen zwei Prozentwerten. Eine Verbesserung von 30 % bei einer Schätzung von 50 % verfehlt sie um 20 Punkte.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Toleranz&lt;/b&gt; (jetzt %1 Punkte): wie weit eine Verbesserung unter ihrer Schätzung bleiben darf und noch zählt.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Erfüllt&lt;/b&gt;: Die Verbesserung ist mindestens die Schätzung minus die Toleranz, und der Job wurde nicht langsamer. Eine Empfehlung ohne Schätzung wird an 0 % gemessen.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Übertroffen&lt;/b&gt;: erfüllt und um mehr als %2 Punkte besser als die Schätzung (die Marge für „übertroffen“).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Unter der Schätzung&lt;/b&gt;: schneller, aber um weniger. &lt;b&gt;Regression&lt;/b&gt;: langsamer als vorher; sie erfüllt nie eine Schätzung. &lt;b&gt;Ausstehend&lt;/b&gt;: noch ohne Nachher-Job.&lt;/p&gt;&lt;p&gt;Die &lt;b&gt;Erfolgsquote&lt;/b&gt; ist erfüllt ÷ abgeschlossen. Einstellungen ▸ Einstellungen legt Toleranz, Marge und Ziel fest.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Recorded the before metrics of recommendation %1 (job %2, %3)</source>
        <translation>Vorher-Metriken von Empfehlung %1 erfasst (Job %2, %3)</translation>
    </message>
    <message>
        <source>Refresh r&amp;uns of measurements…</source>
        <translation>&amp;Läufe der Messungen aktualisieren…</translation>
    </message>
    <message>
        <source>Gather again the runs of the measurements recorded with other runs of their queries (newly imported jobs may hold more) and compute their verdicts anew</source>
        <translation>Sammelt die Läufe der Messungen, die mit weiteren Läufen ihrer Abfragen erfasst wurden, erneut (neu importierte Jobs können mehr enthalten) und berechnet ihre Urteile neu</translation>
    </message>
    <message>
        <source>Gathering the runs of measurements again…</source>
        <translation>Läufe der Messungen werden erneut gesammelt…</translation>
    </message>
    <message>
        <source>Refresh of the runs canceled.</source>
        <translation>Aktualisierung der Läufe abgebrochen.</translation>
    </message>
    <message>
        <source>Refresh runs</source>
        <translation>Läufe aktualisieren</translation>
    </message>
    <message>
        <source>Refresh of the runs canceled; no measurement was changed.</source>
        <translation>Aktualisierung der Läufe abgebrochen; keine Messung wurde geändert.</translation>
    </message>
    <message>
        <source>No measurement was recorded with other runs of its queries: nothing to refresh.</source>
        <translation>Keine Messung wurde mit weiteren Läufen ihrer Abfragen erfasst: nichts zu aktualisieren.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after refreshing %n measurement(s)</source>
        <translation>
            <numerusform>Angehalten nach %n aktualisierten Messung</numerusform>
            <numerusform>Angehalten nach %n aktualisierten Messungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refreshed the runs of %n measurement(s)</source>
        <translation>
            <numerusform>Läufe von %n Messung aktualisiert</numerusform>
            <numerusform>Läufe von %n Messungen aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) added</source>
        <translation>
            <numerusform>%n Lauf hinzugekommen</numerusform>
            <numerusform>%n Läufe hinzugekommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) fewer</source>
        <translation>
            <numerusform>%n Lauf weniger</numerusform>
            <numerusform>%n Läufe weniger</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verdict(s) changed</source>
        <translation>
            <numerusform>%n Urteil geändert</numerusform>
            <numerusform>%n Urteile geändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n completed measurement(s) compare other runs of the same queries. The jobs just imported may hold more of those runs.</source>
        <translation>
            <numerusform>%n abgeschlossene Messung vergleicht weitere Läufe derselben Abfragen. Die soeben importierten Jobs können weitere solche Läufe enthalten.</numerusform>
            <numerusform>%n abgeschlossene Messungen vergleichen weitere Läufe derselben Abfragen. Die soeben importierten Jobs können weitere solche Läufe enthalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Gather their runs again and compute their verdicts anew? No leaves them as they are.</source>
        <translation>Ihre Läufe erneut sammeln und ihre Urteile neu berechnen? „Nein“ lässt sie, wie sie sind.</translation>
    </message>
</context>
<context>
    <name>MeasurementCommands</name>
    <message>
        <source>Start measurement of recommendation %1</source>
        <translation>Messung von Empfehlung %1 starten</translation>
    </message>
    <message>
        <source>Correct the after job of recommendation %1 to %2</source>
        <translation>Nachher-Job von Empfehlung %1 auf %2 korrigieren</translation>
    </message>
    <message>
        <source>Record after job %2 for recommendation %1</source>
        <translation>Nachher-Job %2 für Empfehlung %1 erfassen</translation>
    </message>
    <message>
        <source>Re-judge with a tolerance of %1 points</source>
        <translation>Mit einer Toleranz von %1 Punkten neu beurteilen</translation>
    </message>
</context>
<context>
    <name>MeasurementDetailPane</name>
    <message>
        <source>Estimated improvement:</source>
        <translation>Geschätzte Verbesserung:</translation>
    </message>
    <message>
        <source>Actual improvement:</source>
        <translation>Tatsächliche Verbesserung:</translation>
    </message>
    <message>
        <source>Delta:</source>
        <translation>Delta:</translation>
    </message>
    <message>
        <source>Before job:</source>
        <translation>Vorher-Job:</translation>
    </message>
    <message>
        <source>After job:</source>
        <translation>Nachher-Job:</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>Before and after</source>
        <translation>Vorher und nachher</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>Verbesserung</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Data scanned</source>
        <translation>Gescannte Daten</translation>
    </message>
    <message>
        <source>Rows scanned</source>
        <translation>Gescannte Zeilen</translation>
    </message>
    <message>
        <source>Rows returned</source>
        <translation>Zurückgegebene Zeilen</translation>
    </message>
    <message>
        <source>Partitions scanned</source>
        <translation>Gescannte Partitionen</translation>
    </message>
    <message>
        <source>CPU time</source>
        <translation>CPU-Zeit</translation>
    </message>
    <message>
        <source>Measured:</source>
        <translation>Gemessen:</translation>
    </message>
    <message>
        <source>Completed:</source>
        <translation>Abgeschlossen:</translation>
    </message>
    <message>
        <source>Select a measurement to see its before and after metrics side by side.</source>
        <translation>Wählen Sie eine Messung aus, um ihre Vorher- und Nachher-Metriken nebeneinander zu sehen.</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>#%1 (no title)</source>
        <translation>#%1 (ohne Titel)</translation>
    </message>
    <message>
        <source>%1 · measurement #%2</source>
        <translation>%1 · Messung #%2</translation>
    </message>
    <message>
        <source>none (counts as 0 %)</source>
        <translation>keine (zählt als 0 %)</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>noch keiner</translation>
    </message>
    <message>
        <source>The optimized job returned %1 rows instead of %2: check that it computes the same result.</source>
        <translation>Der optimierte Job lieferte %1 Zeilen statt %2: Prüfen Sie, ob er dasselbe Ergebnis berechnet.</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <source>With 95 % confidence the real improvement lies in this range</source>
        <translation>Mit 95 % Konfidenz liegt die tatsächliche Verbesserung in diesem Bereich</translation>
    </message>
    <message>
        <source>The chance of a difference at least this large between the runs if the change had made none (Wilcoxon rank-sum test)</source>
        <translation>Die Wahrscheinlichkeit eines mindestens so großen Unterschieds zwischen den Läufen, wenn die Änderung keinen bewirkt hätte (Wilcoxon-Rangsummentest)</translation>
    </message>
    <message>
        <source>Runs before / after:</source>
        <translation>Läufe davor / danach:</translation>
    </message>
    <message>
        <source>95 % interval:</source>
        <translation>95-%-Intervall:</translation>
    </message>
    <message>
        <source>p-value:</source>
        <translation>p-Wert:</translation>
    </message>
    <message>
        <source>Runs over time</source>
        <translation>Läufe im Zeitverlauf</translation>
    </message>
    <message>
        <source>Expectation</source>
        <translation>Erwartung</translation>
    </message>
    <message>
        <source>Reading the runs…</source>
        <translation>Läufe werden gelesen…</translation>
    </message>
    <message>
        <source>No verdict yet</source>
        <translation>Noch kein Urteil</translation>
    </message>
    <message>
        <source>The runs are compared once the after job is recorded.</source>
        <translation>Die Läufe werden verglichen, sobald der Nachher-Job erfasst ist.</translation>
    </message>
    <message numerus="yes">
        <source>before: %n run(s)</source>
        <translation>
            <numerusform>davor: %n Lauf</numerusform>
            <numerusform>davor: %n Läufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>after: %n run(s)</source>
        <translation>
            <numerusform>danach: %n Lauf</numerusform>
            <numerusform>danach: %n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>Dashed lines: the medians (before %1, after %2).</source>
        <translation>Gestrichelte Linien: die Mediane (davor %1, danach %2).</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) without a start time not shown.</source>
        <translation>
            <numerusform>%n Lauf ohne Startzeit nicht gezeigt.</numerusform>
            <numerusform>%n Läufe ohne Startzeit nicht gezeigt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeasurementFormat</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Erfüllt</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>Regression</translation>
    </message>
    <message>
        <source>Waiting for the optimized (after) job.</source>
        <translation>Wartet auf den optimierten Job (Nachher-Job).</translation>
    </message>
    <message>
        <source>The optimized job is slower than the original.</source>
        <translation>Der optimierte Job ist langsamer als der ursprüngliche.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 Punkte</translation>
    </message>
    <message>
        <source>Below estimate</source>
        <translation>Unter der Schätzung</translation>
    </message>
    <message>
        <source>The optimized job met its estimate: its improvement is at least the estimate minus the tolerance.</source>
        <translation>Der optimierte Job hat seine Schätzung erfüllt: Seine Verbesserung ist mindestens die Schätzung minus die Toleranz.</translation>
    </message>
    <message>
        <source>Faster, but by less than the estimate minus the tolerance: below its estimate.</source>
        <translation>Schneller, aber um weniger als die Schätzung minus die Toleranz: unter seiner Schätzung.</translation>
    </message>
    <message>
        <source>Improved</source>
        <translation>Verbessert</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>Keine Änderung</translation>
    </message>
    <message>
        <source>Regressed</source>
        <translation>Verschlechtert</translation>
    </message>
    <message>
        <source>Insufficient runs</source>
        <translation>Zu wenige Läufe</translation>
    </message>
    <message>
        <source>improved</source>
        <translation>verbessert</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>keine Änderung</translation>
    </message>
    <message>
        <source>regressed</source>
        <translation>verschlechtert</translation>
    </message>
    <message>
        <source>insufficient runs</source>
        <translation>zu wenige Läufe</translation>
    </message>
    <message>
        <source>Proven faster: the whole 95 % interval of the improvement is above 0 %.</source>
        <translation>Nachweislich schneller: Das ganze 95-%-Intervall der Verbesserung liegt über 0 %.</translation>
    </message>
    <message>
        <source>Not proven either way: the 95 % interval of the improvement includes 0 %, so the difference may be run-to-run noise.</source>
        <translation>In keine Richtung nachgewiesen: Das 95-%-Intervall der Verbesserung enthält 0 %, der Unterschied kann also Schwankung von Lauf zu Lauf sein.</translation>
    </message>
    <message>
        <source>Proven slower: the whole 95 % interval of the improvement is below 0 %.</source>
        <translation>Nachweislich langsamer: Das ganze 95-%-Intervall der Verbesserung liegt unter 0 %.</translation>
    </message>
    <message>
        <source>Too few runs for a verdict: with so few, no result could be told from noise (p &lt; 0.05 is out of reach). Include other runs of the same queries to get one.</source>
        <translation>Zu wenige Läufe für ein Urteil: Bei so wenigen ließe sich kein Ergebnis von Zufall unterscheiden (p &lt; 0,05 ist unerreichbar). Beziehen Sie andere Läufe derselben Abfragen ein, um eines zu erhalten.</translation>
    </message>
    <message>
        <source>%1 … %2 %</source>
        <translation>%1 … %2 %</translation>
    </message>
    <message>
        <source>p &lt; %1</source>
        <translation>p &lt; %1</translation>
    </message>
    <message>
        <source>p = %1</source>
        <translation>p = %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 / month</source>
        <translation>%1 / Monat</translation>
    </message>
</context>
<context>
    <name>MeasurementTableModel</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Recommendation #%1: %2
Issue type: %3
Measurement #%4</source>
        <translation>Empfehlung #%1: %2
Problemtyp: %3
Messung #%4</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>No after job yet</source>
        <translation>Noch kein Nachher-Job</translation>
    </message>
    <message>
        <source>Actual improvement minus the estimate, in percentage points</source>
        <translation>Tatsächliche Verbesserung abzüglich der Schätzung, in Prozentpunkten</translation>
    </message>
    <message>
        <source>Measured by %1</source>
        <translation>Gemessen von %1</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <source>Issue type</source>
        <translation>Problemtyp</translation>
    </message>
    <message>
        <source>Before job</source>
        <translation>Vorher-Job</translation>
    </message>
    <message>
        <source>After job</source>
        <translation>Nachher-Job</translation>
    </message>
    <message>
        <source>Duration
before</source>
        <translation>Dauer
vorher</translation>
    </message>
    <message>
        <source>Duration
after</source>
        <translation>Dauer
nachher</translation>
    </message>
    <message>
        <source>Duration
improvement</source>
        <translation>Dauer
Verbesserung</translation>
    </message>
    <message>
        <source>Memory
reduction</source>
        <translation>Speicher
Reduktion</translation>
    </message>
    <message>
        <source>Scan
reduction</source>
        <translation>Scan
Reduktion</translation>
    </message>
    <message>
        <source>CPU
reduction</source>
        <translation>CPU
Reduktion</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>Schätzung</translation>
    </message>
    <message>
        <source>Delta</source>
        <translation>Delta</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>(before − after) / before: the actual improvement judged against the estimate</source>
        <translation>(vorher − nachher) / vorher: die tatsächliche Verbesserung, gemessen an der Schätzung</translation>
    </message>
    <message>
        <source>Reduction of the memory allocated</source>
        <translation>Reduktion des belegten Speichers</translation>
    </message>
    <message>
        <source>Reduction of the data scanned</source>
        <translation>Reduktion der gescannten Daten</translation>
    </message>
    <message>
        <source>Reduction of the CPU time</source>
        <translation>Reduktion der CPU-Zeit</translation>
    </message>
    <message>
        <source>The improvement the recommendation estimated</source>
        <translation>Die von der Empfehlung geschätzte Verbesserung</translation>
    </message>
    <message>
        <source>When the before metrics were recorded</source>
        <translation>Zeitpunkt, zu dem die Vorher-Metriken erfasst wurden</translation>
    </message>
    <message>
        <source>When the after metrics were recorded</source>
        <translation>Zeitpunkt, zu dem die Nachher-Metriken erfasst wurden</translation>
    </message>
    <message>
        <source>no estimate</source>
        <translation>keine Schätzung</translation>
    </message>
    <message>
        <source>Met, exceeded</source>
        <translation>Erfüllt, übertroffen</translation>
    </message>
    <message>
        <source>No estimate: the improvement is judged against 0 %</source>
        <translation>Keine Schätzung: Die Verbesserung wird an 0 % gemessen</translation>
    </message>
    <message>
        <source>Actual improvement minus the estimate, in percentage points (an improvement of 30 % against an estimate of 50 % is −20 points)</source>
        <translation>Tatsächliche Verbesserung minus die Schätzung, in Prozentpunkten (eine Verbesserung von 30 % bei einer Schätzung von 50 % ergibt −20 Punkte)</translation>
    </message>
    <message>
        <source>It exceeded the estimate: by %1, more than the margin of %2 points.</source>
        <translation>Sie hat die Schätzung übertroffen: um %1, mehr als die Marge von %2 Punkten.</translation>
    </message>
    <message>
        <source>No interval: too few runs for one</source>
        <translation>Kein Intervall: zu wenige Läufe dafür</translation>
    </message>
    <message>
        <source>With 95 % confidence the real improvement lies between %1 and %2: the range of speed-ups that the before and after runs are consistent with.</source>
        <translation>Mit 95 % Konfidenz liegt die tatsächliche Verbesserung zwischen %1 und %2: der Bereich der Beschleunigungen, mit dem die Läufe davor und danach vereinbar sind.</translation>
    </message>
    <message>
        <source>Runs compared: %1 of the original query (before), %2 of the optimized one (after).</source>
        <translation>Verglichene Läufe: %1 der ursprünglichen Abfrage (davor), %2 der optimierten (danach).</translation>
    </message>
    <message numerus="yes">
        <source>Besides the named jobs, the history&apos;s runs of the same queries within %n day(s) of the after job.</source>
        <translation>
            <numerusform>Neben den genannten Jobs die Läufe derselben Abfragen aus dem Verlauf bis %n Tag um den Nachher-Job.</numerusform>
            <numerusform>Neben den genannten Jobs die Läufe derselben Abfragen aus dem Verlauf bis %n Tage um den Nachher-Job.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the named jobs; no other runs were gathered.</source>
        <translation>Nur die genannten Jobs; keine weiteren Läufe wurden gesammelt.</translation>
    </message>
    <message>
        <source>%1: the chance of a difference at least this large between the runs if the change had made none.</source>
        <translation>%1: die Wahrscheinlichkeit eines mindestens so großen Unterschieds zwischen den Läufen, wenn die Änderung keinen bewirkt hätte.</translation>
    </message>
    <message>
        <source>Runs before / after: %1</source>
        <translation>Läufe davor / danach: %1</translation>
    </message>
    <message>
        <source>Expectation</source>
        <translation>Erwartung</translation>
    </message>
    <message>
        <source>Interval
(95 %)</source>
        <translation>Intervall
(95 %)</translation>
    </message>
    <message>
        <source>Runs
before / after</source>
        <translation>Läufe
davor / danach</translation>
    </message>
    <message>
        <source>The actual improvement judged against the recommendation&apos;s estimate</source>
        <translation>Die tatsächliche Verbesserung, gemessen an der Schätzung der Empfehlung</translation>
    </message>
    <message>
        <source>Whether the runs prove a change (Wilcoxon rank-sum test): improved, no change, regressed, or too few runs to tell</source>
        <translation>Ob die Läufe eine Änderung belegen (Wilcoxon-Rangsummentest): verbessert, keine Änderung, verschlechtert oder zu wenige Läufe für eine Aussage</translation>
    </message>
    <message>
        <source>The 95 % confidence interval of the improvement: the real improvement lies in it with 95 % confidence</source>
        <translation>Das 95-%-Konfidenzintervall der Verbesserung: Die tatsächliche Verbesserung liegt mit 95 % Konfidenz darin</translation>
    </message>
    <message>
        <source>How many runs of the original and of the optimized query were compared</source>
        <translation>Wie viele Läufe der ursprünglichen und der optimierten Abfrage verglichen wurden</translation>
    </message>
    <message numerus="yes">
        <source>Ran %Ln time(s) in the 30 days before the before job (itself included): %1 runs per day.
%2 saved per run × %1 runs per day × 30 days = %3 per month.</source>
        <translation>
            <numerusform>Lief einmal in den 30 Tagen vor dem Vorher-Job (dieser eingeschlossen): %1 Läufe pro Tag.
%2 eingespart pro Lauf × %1 Läufe pro Tag × 30 Tage = %3 pro Monat.</numerusform>
            <numerusform>Lief %Ln-mal in den 30 Tagen vor dem Vorher-Job (dieser eingeschlossen): %1 Läufe pro Tag.
%2 eingespart pro Lauf × %1 Läufe pro Tag × 30 Tage = %3 pro Monat.</numerusform>
        </translation>
    </message>
    <message>
        <source>Projected
h / month</source>
        <translation>Hochgerechnet
h / Monat</translation>
    </message>
    <message>
        <source>Query time saved per month if the query keeps running as often as in the 30 days before the measurement: (duration before − after) × runs per day × 30</source>
        <translation>Pro Monat eingesparte Abfragezeit, wenn die Abfrage so oft läuft wie in den 30 Tagen vor der Messung: (Dauer vorher − nachher) × Läufe pro Tag × 30</translation>
    </message>
</context>
<context>
    <name>MeasurementsPage</name>
    <message>
        <source>Search job IDs and titles</source>
        <translation>Job-IDs und Titel durchsuchen</translation>
    </message>
    <message>
        <source>Shows the measurements whose before job, after job or recommendation title contains this text (any case)</source>
        <translation>Zeigt die Messungen, deren Vorher-Job, Nachher-Job oder Empfehlungstitel diesen Text enthält (unabhängig von Groß- und Kleinschreibung)</translation>
    </message>
    <message>
        <source>All verdicts</source>
        <translation>Alle Bewertungen</translation>
    </message>
    <message>
        <source>Recommendation #%1 has not been measured.</source>
        <translation>Empfehlung #%1 wurde nicht gemessen.</translation>
    </message>
    <message>
        <source>Recommendation #%1 has no measurement in this time window and issue type.</source>
        <translation>Für Empfehlung #%1 gibt es in diesem Zeitraum und mit diesem Problemtyp keine Messung.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message>
        <source>No measurements match.</source>
        <translation>Keine passenden Messungen.</translation>
    </message>
    <message>
        <source>1 measurement</source>
        <translation>1 Messung</translation>
    </message>
    <message>
        <source>%1 measurements</source>
        <translation>%1 Messungen</translation>
    </message>
    <message>
        <source>Met, exceeded</source>
        <translation>Erfüllt, übertroffen</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Show or hide the selected measurement&apos;s details beside the table</source>
        <translation>Die Details der gewählten Messung neben der Tabelle zeigen oder verbergen</translation>
    </message>
    <message>
        <source>All expectations</source>
        <translation>Alle Erwartungen</translation>
    </message>
    <message>
        <source>Show only the measurements whose improvement met, or missed, its estimate in this way</source>
        <translation>Nur die Messungen zeigen, deren Verbesserung ihre Schätzung auf diese Weise erfüllt oder verfehlt hat</translation>
    </message>
    <message>
        <source>Show only the measurements whose runs gave this verdict</source>
        <translation>Nur die Messungen zeigen, deren Läufe dieses Urteil ergaben</translation>
    </message>
</context>
<context>
    <name>PostgresDialog</name>
    <message>
        <source>Connect to PostgreSQL</source>
        <translation>Mit PostgreSQL verbinden</translation>
    </message>
    <message>
        <source>not stored</source>
        <translation>wird nicht gespeichert</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
</context>
<context>
    <name>RecommendationListModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>implemented</source>
        <translation>umgesetzt</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <source>waiting for after job</source>
        <translation>wartet auf Nachher-Job</translation>
    </message>
    <message>
        <source>completed (%1 attempts)</source>
        <translation>abgeschlossen (%1 Versuche)</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Issue type</source>
        <translation>Problemtyp</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>Schätzung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>Messung</translation>
    </message>
    <message numerus="yes">
        <source>No calibrated estimate: this issue type has fewer than %1 completed measurements with an estimate in the last %n day(s).</source>
        <translation>
            <numerusform>Keine kalibrierte Schätzung: Dieser Problemtyp hat am letzten Tag weniger als %1 abgeschlossene Messungen mit Schätzung.</numerusform>
            <numerusform>Keine kalibrierte Schätzung: Dieser Problemtyp hat in den letzten %n Tagen weniger als %1 abgeschlossene Messungen mit Schätzung.</numerusform>
        </translation>
    </message>
    <message>
        <source>No estimate to calibrate.</source>
        <translation>Keine Schätzung zu kalibrieren.</translation>
    </message>
    <message numerus="yes">
        <source>Estimate %1 × factor %2 learned from %Ln completed measurement(s) of this issue type in the last %3 days = %4</source>
        <translation>
            <numerusform>Schätzung %1 × Faktor %2, gelernt aus %Ln abgeschlossenen Messung dieses Problemtyps in den letzten %3 Tagen = %4</numerusform>
            <numerusform>Schätzung %1 × Faktor %2, gelernt aus %Ln abgeschlossenen Messungen dieses Problemtyps in den letzten %3 Tagen = %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The estimate × the calibration factor of its issue type (how the actual improvements compared with the estimates), learned from the completed measurements of the last %n day(s); blank where the type has fewer than %1 of them.</source>
        <translation>
            <numerusform>Die Schätzung × der Kalibrierungsfaktor ihres Problemtyps (wie die tatsächlichen Verbesserungen im Vergleich zu den Schätzungen ausfielen), gelernt aus den abgeschlossenen Messungen des letzten Tages; leer, wo der Typ weniger als %1 davon hat.</numerusform>
            <numerusform>Die Schätzung × der Kalibrierungsfaktor ihres Problemtyps (wie die tatsächlichen Verbesserungen im Vergleich zu den Schätzungen ausfielen), gelernt aus den abgeschlossenen Messungen der letzten %n Tage; leer, wo der Typ weniger als %1 davon hat.</numerusform>
        </translation>
    </message>
    <message>
        <source>Calibrated estimate</source>
        <translation>Kalibrierte Schätzung</translation>
    </message>
</context>
<context>
    <name>RecommendationsPage</name>
    <message>
        <source>&amp;Start measurement</source>
        <translation>Messung &amp;starten</translation>
    </message>
    <message>
        <source>Enter &amp;after job…</source>
        <translation>&amp;Nachher-Job eingeben…</translation>
    </message>
    <message>
        <source>Search id, title, job or issue type</source>
        <translation>ID, Titel, Job oder Problemtyp suchen</translation>
    </message>
    <message>
        <source>Record the before metrics of the recommendation&apos;s job</source>
        <translation>Vorher-Metriken des Jobs der Empfehlung erfassen</translation>
    </message>
    <message>
        <source>The newest %1 matching recommendations are listed.</source>
        <translation>Die neuesten %1 passenden Empfehlungen werden angezeigt.</translation>
    </message>
</context>
<context>
    <name>RunsDotPlot</name>
    <message>
        <source>No runs with a start time to plot</source>
        <translation>Keine Läufe mit Startzeit zum Darstellen</translation>
    </message>
</context>
<context>
    <name>ScatterPlot</name>
    <message>
        <source>Estimated vs actual</source>
        <translation>Geschätzt vs. tatsächlich</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>Estimated vs actual — %1 completed measurements</source>
        <translation>Geschätzt vs. tatsächlich — %1 abgeschlossene Messungen</translation>
    </message>
    <message>
        <source>Estimated improvement, %</source>
        <translation>Geschätzte Verbesserung, %</translation>
    </message>
    <message>
        <source>met (%1)</source>
        <translation>erfüllt (%1)</translation>
    </message>
    <message>
        <source>regression (%1)</source>
        <translation>Regression (%1)</translation>
    </message>
    <message>
        <source>within tolerance (actual ≥ estimate − %1)</source>
        <translation>innerhalb der Toleranz (tatsächlich ≥ Schätzung − %1)</translation>
    </message>
    <message>
        <source>met</source>
        <translation>erfüllt</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>Regression</translation>
    </message>
    <message>
        <source>Actual improvement, %</source>
        <translation>Tatsächliche Verbesserung, %</translation>
    </message>
    <message>
        <source>below estimate (%1)</source>
        <translation>unter der Schätzung (%1)</translation>
    </message>
    <message>
        <source>below estimate</source>
        <translation>unter der Schätzung</translation>
    </message>
    <message>
        <source>within tolerance (actual ≥ estimate − %1, as judged; your setting: %2)</source>
        <translation>innerhalb der Toleranz (tatsächlich ≥ Schätzung − %1, wie beurteilt; Ihre Einstellung: %2)</translation>
    </message>
    <message>
        <source>no estimate</source>
        <translation>keine Schätzung</translation>
    </message>
    <message>
        <source>estimated %1 %</source>
        <translation>geschätzt %1 %</translation>
    </message>
    <message>
        <source>no estimate (judged against 0 %)</source>
        <translation>keine Schätzung (an 0 % gemessen)</translation>
    </message>
    <message>
        <source>bar: 95 % interval of the improvement (%1)</source>
        <translation>Balken: 95-%-Intervall der Verbesserung (%1)</translation>
    </message>
    <message>
        <source>hollow: too few runs for a verdict (%1)</source>
        <translation>hohl: zu wenige Läufe für ein Urteil (%1)</translation>
    </message>
    <message>
        <source>95 % interval %1 … %2 %</source>
        <translation>95-%-Intervall %1 … %2 %</translation>
    </message>
    <message>
        <source>Runs: improved, %1</source>
        <translation>Läufe: verbessert, %1</translation>
    </message>
    <message>
        <source>Runs: no change, %1</source>
        <translation>Läufe: unverändert, %1</translation>
    </message>
    <message>
        <source>Runs: regressed, %1</source>
        <translation>Läufe: verschlechtert, %1</translation>
    </message>
    <message>
        <source>Runs: too few to tell a real change from noise (insufficient runs)</source>
        <translation>Läufe: zu wenige, um eine echte Änderung vom Rauschen zu unterscheiden (zu wenige Läufe)</translation>
    </message>
    <message>
        <source>Recommendation %1
%2, actual %3 %: %4
</source>
        <translation>Empfehlung %1
%2, tatsächlich %3 %: %4
</translation>
    </message>
    <message>
        <source>Click to open it.</source>
        <translation>Zum Öffnen klicken.</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <source>Cannot write rows: %1</source>
        <translation>Zeilen können nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Cannot prepare a write</source>
        <translation>Ein Schreibvorgang kann nicht vorbereitet werden</translation>
    </message>
    <message>
        <source>Cannot write rows</source>
        <translation>Zeilen können nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1:%2: column &apos;%3&apos;: %4</source>
        <translation>%1:%2: Spalte &apos;%3&apos;: %4</translation>
    </message>
    <message>
        <source>%1: is a folder, not a file</source>
        <translation>%1: ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation>%1: kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: the file is empty; expected a header row naming the columns (%2 required)</source>
        <translation>%1: Die Datei ist leer; erwartet wird eine Kopfzeile mit den Spaltennamen (%2 erforderlich)</translation>
    </message>
    <message>
        <source>header field %1 is empty</source>
        <translation>Feld %1 der Kopfzeile ist leer</translation>
    </message>
    <message>
        <source>appears twice in the header</source>
        <translation>kommt in der Kopfzeile zweimal vor</translation>
    </message>
    <message>
        <source>required column is missing from the header</source>
        <translation>Pflichtspalte fehlt in der Kopfzeile</translation>
    </message>
    <message>
        <source> (the header has one field: is the file separated by something other than commas?)</source>
        <translation> (die Kopfzeile hat nur ein Feld: Ist die Datei durch etwas anderes als Kommas getrennt?)</translation>
    </message>
    <message>
        <source>expected %1 fields as in the header, found %2</source>
        <translation>%1 Felder wie in der Kopfzeile erwartet, %2 gefunden</translation>
    </message>
    <message>
        <source>a NUL byte in field %1</source>
        <translation>ein NUL-Byte in Feld %1</translation>
    </message>
    <message>
        <source>invalid UTF-8 in field %1</source>
        <translation>ungültiges UTF-8 in Feld %1</translation>
    </message>
    <message>
        <source>a quote inside the unquoted field %1; quote the field and double the quote</source>
        <translation>ein Anführungszeichen im nicht eingeschlossenen Feld %1; schließen Sie das Feld in Anführungszeichen ein und verdoppeln Sie das Anführungszeichen</translation>
    </message>
    <message>
        <source>unexpected character after the closing quote of field %1</source>
        <translation>unerwartetes Zeichen nach dem schließenden Anführungszeichen von Feld %1</translation>
    </message>
    <message>
        <source>a record longer than %1 MiB (an unterminated quote?)</source>
        <translation>ein Datensatz länger als %1 MiB (ein nicht geschlossenes Anführungszeichen?)</translation>
    </message>
    <message>
        <source>unterminated quoted field %1</source>
        <translation>nicht geschlossenes Anführungszeichen in Feld %1</translation>
    </message>
    <message>
        <source>%1: cannot be written: %2</source>
        <translation>%1: kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot compute the distribution</source>
        <translation>Die Verteilung kann nicht berechnet werden</translation>
    </message>
    <message>
        <source>Cannot compute the median</source>
        <translation>Der Median kann nicht berechnet werden</translation>
    </message>
    <message>
        <source>Cannot compute the success rates</source>
        <translation>Die Erfolgsquoten können nicht berechnet werden</translation>
    </message>
    <message>
        <source>Cannot read the measurements</source>
        <translation>Die Messungen können nicht gelesen werden</translation>
    </message>
    <message>
        <source>%1 is a folder, not an SQLite database</source>
        <translation>%1 ist ein Ordner, keine SQLite-Datenbank</translation>
    </message>
    <message>
        <source>Cannot create %1: the folder %2 does not exist</source>
        <translation>%1 kann nicht angelegt werden: Der Ordner %2 existiert nicht</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is not an SQLite database</source>
        <translation>%1 ist keine SQLite-Datenbank</translation>
    </message>
    <message>
        <source>Cannot configure %1</source>
        <translation>%1 kann nicht eingerichtet werden</translation>
    </message>
    <message>
        <source>No database location given</source>
        <translation>Kein Datenbankort angegeben</translation>
    </message>
    <message>
        <source>Invalid PostgreSQL location &apos;%1&apos;: expected postgresql://user[:password]@host[:port]/dbname</source>
        <translation>Ungültiger PostgreSQL-Ort &apos;%1&apos;: erwartet wird postgresql://user[:password]@host[:port]/dbname</translation>
    </message>
    <message>
        <source>The PostgreSQL driver (QPSQL) is not installed</source>
        <translation>Der PostgreSQL-Treiber (QPSQL) ist nicht installiert</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1:%2/%3: %4</source>
        <translation>Keine Verbindung zu PostgreSQL unter %1:%2/%3: %4</translation>
    </message>
    <message>
        <source>Cannot configure the PostgreSQL session</source>
        <translation>Die PostgreSQL-Sitzung kann nicht eingerichtet werden</translation>
    </message>
    <message>
        <source>The SQLite driver (QSQLITE) is not installed</source>
        <translation>Der SQLite-Treiber (QSQLITE) ist nicht installiert</translation>
    </message>
    <message>
        <source>Cannot start a transaction</source>
        <translation>Eine Transaktion kann nicht begonnen werden</translation>
    </message>
    <message>
        <source>Cannot commit</source>
        <translation>Die Änderungen können nicht festgeschrieben werden</translation>
    </message>
    <message>
        <source>The demo size must be at least 1, not %1</source>
        <translation>Die Demo-Größe muss mindestens 1 sein, nicht %1</translation>
    </message>
    <message>
        <source>Cannot read recommendations</source>
        <translation>Die Empfehlungen können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot advance the id sequence</source>
        <translation>Die ID-Sequenz kann nicht weitergesetzt werden</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is negative; it must be 0 or more</source>
        <translation>&apos;%1&apos; ist negativ; der Wert muss 0 oder größer sein</translation>
    </message>
    <message>
        <source>, else </source>
        <translation>, sonst </translation>
    </message>
    <message>
        <source>is empty; every job needs an ID</source>
        <translation>ist leer; jeder Job braucht eine ID</translation>
    </message>
    <message>
        <source>is %1 characters long; at most %2 are allowed</source>
        <translation>ist %1 Zeichen lang; höchstens %2 sind erlaubt</translation>
    </message>
    <message>
        <source> (ns ÷ 1,000,000, rounded)</source>
        <translation> (ns ÷ 1.000.000, gerundet)</translation>
    </message>
    <message>
        <source> (converted to UTC)</source>
        <translation> (in UTC umgerechnet)</translation>
    </message>
    <message>
        <source>query_hash ← %1 (the engine&apos;s fingerprint), else our fingerprint of the normalized query text</source>
        <translation>query_hash ← %1 (der Fingerabdruck der Engine), sonst unser Fingerabdruck des normalisierten Abfragetexts</translation>
    </message>
    <message>
        <source>query_hash ← our fingerprint of the normalized query text</source>
        <translation>query_hash ← unser Fingerabdruck des normalisierten Abfragetexts</translation>
    </message>
    <message>
        <source>is empty; every job needs a duration</source>
        <translation>ist leer; jeder Job braucht eine Dauer</translation>
    </message>
    <message>
        <source>slot-ms: slot time summed over parallel workers, not wall clock</source>
        <translation>Slot-ms: Slot-Zeit über parallele Worker summiert, keine Wanduhrzeit</translation>
    </message>
    <message>
        <source>started_at ← start_time (UTC)</source>
        <translation>started_at ← start_time (UTC)</translation>
    </message>
    <message>
        <source>duration_ms ← end_time − start_time (ms, truncated as TIMESTAMP_DIFF does)</source>
        <translation>duration_ms ← end_time − start_time (ms, abgeschnitten wie bei TIMESTAMP_DIFF)</translation>
    </message>
    <message>
        <source>is empty; the duration is end_time − start_time</source>
        <translation>ist leer; die Dauer ist end_time − start_time</translation>
    </message>
    <message>
        <source>is before start_time</source>
        <translation>liegt vor start_time</translation>
    </message>
    <message>
        <source>served by a Reflection</source>
        <translation>von einer Reflection bedient</translation>
    </message>
    <message>
        <source>%1 is past the year 9999</source>
        <translation>%1 liegt nach dem Jahr 9999</translation>
    </message>
    <message>
        <source>is empty; the duration is final state − submitted</source>
        <translation>ist leer; die Dauer ist Endzustand − Übermittlung</translation>
    </message>
    <message>
        <source>is before the submission time</source>
        <translation>liegt vor dem Übermittlungszeitpunkt</translation>
    </message>
    <message>
        <source>ms: task time summed over all cores, not wall clock</source>
        <translation>ms: Task-Zeit über alle Kerne summiert, keine Wanduhrzeit</translation>
    </message>
    <message>
        <source>warehouse ← compute.warehouse_id</source>
        <translation>warehouse ← compute.warehouse_id</translation>
    </message>
    <message>
        <source>query_hash ← queryid</source>
        <translation>query_hash ← queryid</translation>
    </message>
    <message>
        <source>rows_returned ← rows ÷ calls (rounded)</source>
        <translation>rows_returned ← rows ÷ calls (gerundet)</translation>
    </message>
    <message>
        <source>data_scanned ← (shared_blks_hit + shared_blks_read) × 8192 ÷ calls (8 KiB blocks → bytes per call)</source>
        <translation>data_scanned ← (shared_blks_hit + shared_blks_read) × 8192 ÷ calls (8-KiB-Blöcke → Bytes je Aufruf)</translation>
    </message>
    <message>
        <source>is empty; every statement needs a queryid</source>
        <translation>ist leer; jede Anweisung braucht eine queryid</translation>
    </message>
    <message>
        <source>is empty; every row needs its snapshot time</source>
        <translation>ist leer; jede Zeile braucht ihren Snapshot-Zeitpunkt</translation>
    </message>
    <message>
        <source>%1 ms is beyond the range of a duration</source>
        <translation>%1 ms liegt außerhalb des Bereichs einer Dauer</translation>
    </message>
    <message>
        <source>shared_blks_hit + shared_blks_read is beyond the 64-bit range</source>
        <translation>shared_blks_hit + shared_blks_read liegt außerhalb des 64-Bit-Bereichs</translation>
    </message>
    <message>
        <source>the sum over the rows of queryid %1 is beyond the 64-bit range</source>
        <translation>die Summe über die Zeilen der queryid %1 liegt außerhalb des 64-Bit-Bereichs</translation>
    </message>
    <message>
        <source>pg_stat_statements: metrics are per-call means of the cumulative counters of each snapshot (since the statistics were last reset); give two snapshot files to measure the interval between them</source>
        <translation>pg_stat_statements: Die Metriken sind Mittelwerte je Aufruf aus den kumulierten Zählern jedes Snapshots (seit dem letzten Zurücksetzen der Statistik); geben Sie zwei Snapshot-Dateien an, um den Zeitraum dazwischen zu messen</translation>
    </message>
    <message>
        <source>%1 statements had no calls and gave no job</source>
        <translation>%1 Anweisungen hatten keine Aufrufe und ergaben keinen Job</translation>
    </message>
    <message>
        <source>%1: holds %2 snapshot times; with two files, each must be one snapshot</source>
        <translation>%1: enthält %2 Snapshot-Zeitpunkte; bei zwei Dateien muss jede genau ein Snapshot sein</translation>
    </message>
    <message>
        <source>%1 and %2: both snapshots were taken at %3; give two different snapshots</source>
        <translation>%1 und %2: Beide Snapshots wurden um %3 erstellt; geben Sie zwei verschiedene Snapshots an</translation>
    </message>
    <message>
        <source>pg_stat_statements: metrics are per-call means of the change between the snapshots of %1 and %2 (%3 → %4)</source>
        <translation>pg_stat_statements: Die Metriken sind Mittelwerte je Aufruf aus der Änderung zwischen den Snapshots von %1 und %2 (%3 → %4)</translation>
    </message>
    <message>
        <source>%1 statements had no calls between the snapshots and gave no job</source>
        <translation>%1 Anweisungen hatten zwischen den Snapshots keine Aufrufe und ergaben keinen Job</translation>
    </message>
    <message>
        <source>%1 statements were reset between the snapshots; their later counters were used as they are</source>
        <translation>%1 Anweisungen wurden zwischen den Snapshots zurückgesetzt; ihre späteren Zähler wurden unverändert verwendet</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>%1:1: the header has one field &apos;%2&apos;: is the file separated by %3 instead of commas? Save it comma-separated</source>
        <translation>%1:1: Die Kopfzeile hat nur ein Feld &apos;%2&apos;: Ist die Datei durch %3 statt durch Kommas getrennt? Speichern Sie sie kommagetrennt</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>Tabulatoren</translation>
    </message>
    <message>
        <source>&apos; or &apos;</source>
        <translation>&apos; oder &apos;</translation>
    </message>
    <message>
        <source>%1: unknown format: %2 fits none of the formats we read. Expected the columns of one of: %3. Name the format with --format if it is one of these.</source>
        <translation>%1: unbekanntes Format: Zu %2 passt keines der Formate, die wir lesen. Erwartet werden die Spalten eines der folgenden: %3. Nennen Sie das Format mit --format, wenn es eines davon ist.</translation>
    </message>
    <message>
        <source>%1: the header fits more than one format (%2); choose one with --format</source>
        <translation>%1: Die Kopfzeile passt zu mehr als einem Format (%2); wählen Sie eines mit --format</translation>
    </message>
    <message>
        <source>%1 is not a whole number</source>
        <translation>%1 ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>%1 is beyond the 64-bit range</source>
        <translation>%1 liegt außerhalb des 64-Bit-Bereichs</translation>
    </message>
    <message>
        <source>%1 is negative; it must be 0 or more</source>
        <translation>%1 ist negativ; der Wert muss 0 oder größer sein</translation>
    </message>
    <message>
        <source>%1 is not a number</source>
        <translation>%1 ist keine Zahl</translation>
    </message>
    <message>
        <source>%1 is beyond the range of a number</source>
        <translation>%1 liegt außerhalb des Zahlenbereichs</translation>
    </message>
    <message>
        <source>%1 is not a date and time like 2024-05-31T14:02:11Z</source>
        <translation>%1 ist kein Datum mit Uhrzeit wie 2024-05-31T14:02:11Z</translation>
    </message>
    <message>
        <source>%1 has an invalid time zone offset</source>
        <translation>%1 hat einen ungültigen Zeitzonenversatz</translation>
    </message>
    <message>
        <source>%1 is not a valid date and time</source>
        <translation>%1 ist kein gültiges Datum mit Uhrzeit</translation>
    </message>
    <message>
        <source>%1 is not true or false</source>
        <translation>%1 ist weder true noch false</translation>
    </message>
    <message>
        <source>%1: the file is empty; expected a header row naming the columns</source>
        <translation>%1: Die Datei ist leer; erwartet wird eine Kopfzeile mit den Spaltennamen</translation>
    </message>
    <message>
        <source>column &apos;%1&apos;: appears twice in the header</source>
        <translation>Spalte &apos;%1&apos;: kommt in der Kopfzeile zweimal vor</translation>
    </message>
    <message>
        <source>column &apos;%1&apos;</source>
        <translation>Spalte &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: the JSON holds no records</source>
        <translation>%1: Das JSON enthält keine Datensätze</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1 ist kein Objekt</translation>
    </message>
    <message>
        <source>%1: a NUL character (\u0000) in a string</source>
        <translation>%1: ein NUL-Zeichen (\u0000) in einer Zeichenkette</translation>
    </message>
    <message>
        <source>%1: invalid UTF-8</source>
        <translation>%1: ungültiges UTF-8</translation>
    </message>
    <message>
        <source>%1:%2: %3: not valid JSON: %4</source>
        <translation>%1:%2: %3: kein gültiges JSON: %4</translation>
    </message>
    <message>
        <source>truncated JSON: the array is not closed with &apos;]&apos;</source>
        <translation>abgeschnittenes JSON: Das Array wird nicht mit &apos;]&apos; geschlossen</translation>
    </message>
    <message>
        <source>a &apos;,&apos; with no record after it before the closing &apos;]&apos;</source>
        <translation>ein &apos;,&apos; ohne folgenden Datensatz vor der schließenden &apos;]&apos;</translation>
    </message>
    <message>
        <source>text after the end of the JSON array</source>
        <translation>Text nach dem Ende des JSON-Arrays</translation>
    </message>
    <message>
        <source>%1: truncated JSON: the record is not closed</source>
        <translation>%1: abgeschnittenes JSON: Der Datensatz ist nicht geschlossen</translation>
    </message>
    <message>
        <source>%1: a record longer than %2 MiB</source>
        <translation>%1: ein Datensatz länger als %2 MiB</translation>
    </message>
    <message>
        <source>%1: expected &apos;,&apos; between the records of the array</source>
        <translation>%1: &apos;,&apos; zwischen den Datensätzen des Arrays erwartet</translation>
    </message>
    <message>
        <source>a line longer than %1 MiB</source>
        <translation>eine Zeile länger als %1 MiB</translation>
    </message>
    <message>
        <source>%1: the file is UTF-16 text; save it as UTF-8 (CSV UTF-8)</source>
        <translation>%1: Die Datei ist UTF-16-Text; speichern Sie sie als UTF-8 (CSV UTF-8)</translation>
    </message>
    <message>
        <source>the header</source>
        <extracomment>Completes &quot;detected from %1&quot;, &quot;%1 lacks the columns of …&quot;, &quot;missing from %1&quot;, &quot;fits none of …&quot;</extracomment>
        <translation>der Kopfzeile</translation>
    </message>
    <message>
        <source>the first record</source>
        <translation>dem ersten Datensatz</translation>
    </message>
    <message>
        <source>No file to import</source>
        <translation>Keine Datei zum Importieren</translation>
    </message>
    <message>
        <source>At most two files (two pg_stat_statements snapshots) are imported at once</source>
        <translation>Höchstens zwei Dateien (zwei pg_stat_statements-Snapshots) werden auf einmal importiert</translation>
    </message>
    <message>
        <source>detected from %1</source>
        <translation>erkannt an %1</translation>
    </message>
    <message>
        <source>Unknown format &apos;%1&apos;; say auto or one of: %2</source>
        <translation>Unbekanntes Format &apos;%1&apos;; geben Sie auto oder eines davon an: %2</translation>
    </message>
    <message>
        <source>named with --format</source>
        <translation>mit --format angegeben</translation>
    </message>
    <message>
        <source>%1 and %2: only pg_stat_statements snapshots are imported two files at once; import %3 files one by one</source>
        <translation>%1 und %2: Nur pg_stat_statements-Snapshots werden zu zweit importiert; importieren Sie %3-Dateien einzeln</translation>
    </message>
    <message>
        <source>%1: %2 lacks the columns of the %3 format: it needs %4</source>
        <translation>%1: %2 fehlen die Spalten des Formats %3: Es braucht %4</translation>
    </message>
    <message>
        <source>%1: the file has a header but no jobs</source>
        <translation>%1: Die Datei hat eine Kopfzeile, aber keine Jobs</translation>
    </message>
    <message>
        <source>%1: every one of the %2 records was rejected; the first: %3</source>
        <translation>%1: Alle %2 Datensätze wurden abgelehnt; der erste: %3</translation>
    </message>
    <message>
        <source>Cannot read job %1</source>
        <translation>Job %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot read the profile of job %1</source>
        <translation>Das Profil von Job %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot count jobs</source>
        <translation>Die Jobs können nicht gezählt werden</translation>
    </message>
    <message>
        <source>Cannot look up job IDs</source>
        <translation>Job-IDs können nicht nachgeschlagen werden</translation>
    </message>
    <message>
        <source>Cannot list jobs</source>
        <translation>Die Jobs können nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>Cannot count the measurements</source>
        <translation>Die Messungen können nicht gezählt werden</translation>
    </message>
    <message>
        <source>Cannot save the measurement</source>
        <translation>Die Messung kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Measurement not found: %1</source>
        <translation>Messung nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Cannot delete measurement %1</source>
        <translation>Messung %1 kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Cannot read measurement %1</source>
        <translation>Messung %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot read the measurements of recommendation %1</source>
        <translation>Die Messungen von Empfehlung %1 können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot compute the summary</source>
        <translation>Die Zusammenfassung kann nicht berechnet werden</translation>
    </message>
    <message>
        <source>Recommendation not found: %1</source>
        <translation>Empfehlung nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Job not found: %1</source>
        <translation>Job nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Job %1 has status &apos;%2&apos;: a failed, cancelled or unfinished job cannot be the before job of a measurement</source>
        <translation>Job %1 hat den Status &apos;%2&apos;: Ein fehlgeschlagener, abgebrochener oder nicht beendeter Job kann nicht der Vorher-Job einer Messung sein</translation>
    </message>
    <message>
        <source>Job %1 has status &apos;%2&apos;: a failed, cancelled or unfinished job cannot be the after job of a measurement</source>
        <translation>Job %1 hat den Status &apos;%2&apos;: Ein fehlgeschlagener, abgebrochener oder nicht beendeter Job kann nicht der Nachher-Job einer Messung sein</translation>
    </message>
    <message>
        <source>Recommendation %1 already has an open measurement (id %2, before job %3); record its after job first</source>
        <translation>Empfehlung %1 hat bereits eine offene Messung (ID %2, Vorher-Job %3); erfassen Sie zuerst deren Nachher-Job</translation>
    </message>
    <message>
        <source>Job %1 is the before job of recommendation %2; give the optimized job&apos;s ID as the after job</source>
        <translation>Job %1 ist der Vorher-Job von Empfehlung %2; geben Sie die ID des optimierten Jobs als Nachher-Job an</translation>
    </message>
    <message>
        <source>Job %1 was served from a result cache: its metrics are not a real run and would show a false improvement. Confirm to record it anyway (command line: --allow-cached)</source>
        <translation>Job %1 wurde aus einem Ergebnis-Cache bedient: Seine Metriken stammen aus keinem echten Lauf und würden eine falsche Verbesserung zeigen. Bestätigen Sie, um ihn trotzdem zu erfassen (Kommandozeile: --allow-cached)</translation>
    </message>
    <message>
        <source>The before job %1 took 0 ms, so no duration improvement can be computed and the expectation cannot be judged</source>
        <translation>Der Vorher-Job %1 dauerte 0 ms, daher lässt sich keine Verbesserung der Dauer berechnen und die Erwartung nicht beurteilen</translation>
    </message>
    <message>
        <source>The after job %1 was served from a result cache (recorded with confirmation): its improvement is not a real one</source>
        <translation>Der Nachher-Job %1 wurde aus einem Ergebnis-Cache bedient (mit Bestätigung erfasst): Seine Verbesserung ist keine echte</translation>
    </message>
    <message>
        <source>The before job %1 was served from a result cache: its metrics are not a real run</source>
        <translation>Der Vorher-Job %1 wurde aus einem Ergebnis-Cache bedient: Seine Metriken stammen aus keinem echten Lauf</translation>
    </message>
    <message>
        <source>The before job ran on warehouse size %1 and the after job on %2: the comparison is not like for like</source>
        <translation>Der Vorher-Job lief auf Warehouse-Größe %1 und der Nachher-Job auf %2: Der Vergleich ist nicht gleichwertig</translation>
    </message>
    <message>
        <source>No before metrics found for recommendation %1</source>
        <translation>Keine Vorher-Metriken für Empfehlung %1 gefunden</translation>
    </message>
    <message>
        <source>Recommendation %1 has no completed measurement to correct</source>
        <translation>Empfehlung %1 hat keine abgeschlossene Messung, die sich korrigieren ließe</translation>
    </message>
    <message>
        <source>Recommendation %1 already has another open measurement (id %2)</source>
        <translation>Empfehlung %1 hat bereits eine andere offene Messung (ID %2)</translation>
    </message>
    <message>
        <source>Measurement %1 is completed; only an open one can be discarded</source>
        <translation>Messung %1 ist abgeschlossen; nur eine offene kann verworfen werden</translation>
    </message>
    <message>
        <source>No measurement found for recommendation %1</source>
        <translation>Keine Messung für Empfehlung %1 gefunden</translation>
    </message>
    <message>
        <source>The window must be at least 1 day, not %1</source>
        <translation>Der Zeitraum muss mindestens 1 Tag betragen, nicht %1</translation>
    </message>
    <message>
        <source>Cannot read the schema version</source>
        <translation>Die Schemaversion kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot create schema_migrations</source>
        <translation>schema_migrations kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot start a migration</source>
        <translation>Eine Migration kann nicht begonnen werden</translation>
    </message>
    <message>
        <source>Cannot lock schema_migrations</source>
        <translation>schema_migrations kann nicht gesperrt werden</translation>
    </message>
    <message>
        <source>The database schema is version %1, newer than this program understands (%2). Upgrade Optimeter to open it.</source>
        <translation>Das Datenbankschema hat Version %1, neuer als dieses Programm versteht (%2). Aktualisieren Sie Optimeter, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed</source>
        <translation>Migration %1 (%2) fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot record a migration</source>
        <translation>Eine Migration kann nicht vermerkt werden</translation>
    </message>
    <message>
        <source>Cannot commit a migration</source>
        <translation>Eine Migration kann nicht festgeschrieben werden</translation>
    </message>
    <message>
        <source>&apos;0&apos; is not a valid id; ids start at 1</source>
        <translation>&apos;0&apos; ist keine gültige ID; IDs beginnen bei 1</translation>
    </message>
    <message>
        <source>is empty; every recommendation names its job</source>
        <translation>ist leer; jede Empfehlung nennt ihren Job</translation>
    </message>
    <message>
        <source>Cannot look up a job</source>
        <translation>Ein Job kann nicht nachgeschlagen werden</translation>
    </message>
    <message>
        <source>job &apos;%1&apos; is not among the imported jobs; import it first</source>
        <translation>Job &apos;%1&apos; ist nicht unter den importierten Jobs; importieren Sie ihn zuerst</translation>
    </message>
    <message>
        <source>is empty; every recommendation has an issue type</source>
        <translation>ist leer; jede Empfehlung hat einen Problemtyp</translation>
    </message>
    <message>
        <source>%1 is above 100; an improvement cannot exceed 100 %</source>
        <translation>%1 ist größer als 100; eine Verbesserung kann 100 % nicht übersteigen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a status; use open, implemented or dismissed</source>
        <translation>&apos;%1&apos; ist kein Status; verwenden Sie open, implemented oder dismissed</translation>
    </message>
    <message>
        <source>cannot save the recommendation</source>
        <translation>Die Empfehlung kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>%1: the file has a header but no recommendations</source>
        <translation>%1: Die Datei hat eine Kopfzeile, aber keine Empfehlungen</translation>
    </message>
    <message>
        <source>Cannot read recommendation %1</source>
        <translation>Empfehlung %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot count recommendations</source>
        <translation>Die Empfehlungen können nicht gezählt werden</translation>
    </message>
    <message>
        <source>Cannot list recommendations</source>
        <translation>Die Empfehlungen können nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>Cannot list issue types</source>
        <translation>Die Problemtypen können nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>Cannot bind a value</source>
        <translation>Ein Wert kann nicht gebunden werden</translation>
    </message>
    <message>
        <source>Job %1 was served from a result cache: its metrics are not a real run, so the improvement will look smaller than it is</source>
        <translation>Job %1 wurde aus einem Ergebnis-Cache bedient: Seine Metriken stammen aus keinem echten Lauf, daher wird die Verbesserung kleiner aussehen, als sie ist</translation>
    </message>
    <message>
        <source>Cannot list indexes</source>
        <translation>Die Indizes können nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>Cannot drop index %1</source>
        <translation>Index %1 kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Cannot rebuild an index</source>
        <translation>Ein Index kann nicht neu aufgebaut werden</translation>
    </message>
    <message>
        <source>%1:1: column &apos;%2&apos;: required column is missing from %3 (the %4 format needs %5; for another format, name it with --format)</source>
        <translation>%1:1: Spalte &apos;%2&apos;: Pflichtspalte fehlt in %3 (das Format %4 braucht %5; für ein anderes Format nennen Sie es mit --format)</translation>
    </message>
    <message>
        <source>unfinished jobs left out (no end time yet, so no duration): %1</source>
        <translation>nicht beendete Jobs ausgelassen (noch ohne Endzeit, daher ohne Dauer): %1</translation>
    </message>
    <message>
        <source>Cannot create %1: %2 is left from an earlier database of that name; move it away first</source>
        <translation>%1 kann nicht angelegt werden: %2 stammt von einer früheren Datenbank dieses Namens; verschieben Sie die Datei zuerst</translation>
    </message>
    <message>
        <source>%1 is on a network or shared file system (%2), whose file locks SQLite cannot rely on: two programs using it at once can corrupt it. Keep the file on a local disk, or share a PostgreSQL database instead.</source>
        <translation>%1 liegt auf einem Netzwerk- oder freigegebenen Dateisystem (%2), auf dessen Dateisperren sich SQLite nicht verlassen kann: Zwei Programme, die sie gleichzeitig nutzen, können sie beschädigen. Legen Sie die Datei auf eine lokale Platte oder teilen Sie stattdessen eine PostgreSQL-Datenbank.</translation>
    </message>
    <message>
        <source>%1 has %2 names (hard links); a program that opens it under another name keeps a journal of its own beside it and can corrupt it. Open it under one name only.</source>
        <translation>%1 hat %2 Namen (harte Links); ein Programm, das sie unter einem anderen Namen öffnet, führt daneben ein eigenes Journal und kann sie beschädigen. Öffnen Sie sie nur unter einem Namen.</translation>
    </message>
    <message>
        <source>%1 is a file of the database Optimeter has open, not an export to import</source>
        <translation>%1 ist eine Datei der Datenbank, die Optimeter geöffnet hat, kein Export zum Importieren</translation>
    </message>
    <message>
        <source>%1 is a file of the database Optimeter has open; choose another file</source>
        <translation>%1 ist eine Datei der Datenbank, die Optimeter geöffnet hat; wählen Sie eine andere Datei</translation>
    </message>
    <message>
        <source>%1 is an SQLite database; choose another file</source>
        <translation>%1 ist eine SQLite-Datenbank; wählen Sie eine andere Datei</translation>
    </message>
    <message>
        <source>Cannot read the judged tolerance</source>
        <translation>Die Toleranz der Beurteilungen kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot store the judged tolerance</source>
        <translation>Die Toleranz der Beurteilungen kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>started_at ← statistics.startTime, else statistics.creationTime (epoch ms → UTC)</source>
        <translation>started_at ← statistics.startTime, sonst statistics.creationTime (Epoch-ms → UTC)</translation>
    </message>
    <message>
        <source>duration_ms ← statistics.endTime − statistics.startTime (ms)</source>
        <translation>duration_ms ← statistics.endTime − statistics.startTime (ms)</translation>
    </message>
    <message>
        <source>status ← status.state and status.errorResult</source>
        <translation>status ← status.state und status.errorResult</translation>
    </message>
    <message>
        <source>is empty; the duration is statistics.endTime − statistics.startTime</source>
        <translation>ist leer; die Dauer ist statistics.endTime − statistics.startTime</translation>
    </message>
    <message>
        <source>is before %1</source>
        <translation>liegt vor %1</translation>
    </message>
    <message>
        <source>started_at ← %1 (%2)</source>
        <translation>started_at ← %1 (%2)</translation>
    </message>
    <message>
        <source>duration_ms ← %1 − %2 (ms)</source>
        <translation>duration_ms ← %1 − %2 (ms)</translation>
    </message>
    <message>
        <source>epoch ms → UTC</source>
        <translation>Epoch-ms → UTC</translation>
    </message>
    <message>
        <source>epoch ns → UTC</source>
        <translation>Epoch-ns → UTC</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>%1 has no snapshot_time column: its snapshot time is %2, as given</source>
        <translation>%1 hat keine Spalte snapshot_time: der Zeitpunkt des Snapshots ist %2, wie angegeben</translation>
    </message>
    <message>
        <source>duration_ms ← %1 ÷ calls (ms per call)</source>
        <translation>duration_ms ← %1 ÷ calls (ms pro Aufruf)</translation>
    </message>
    <message>
        <source>%1: more snapshot times are given (%2) than there are dumps without a snapshot_time column (%3)</source>
        <translation>%1: es sind mehr Snapshot-Zeitpunkte angegeben (%2), als es Dumps ohne Spalte snapshot_time gibt (%3)</translation>
    </message>
    <message>
        <source>%1 has no snapshot_time column: its jobs are named by the file&apos;s content (%2), so the same file gives the same jobs when imported again; their started_at is empty. A snapshot time given for the file names them by its time instead</source>
        <translation>%1 hat keine Spalte snapshot_time: seine Jobs sind nach dem Inhalt der Datei benannt (%2), sodass dieselbe Datei bei erneutem Import dieselben Jobs ergibt; ihr started_at ist leer. Ein für die Datei angegebener Snapshot-Zeitpunkt benennt sie stattdessen nach diesem Zeitpunkt</translation>
    </message>
    <message>
        <source>%1 rows repeated a user, database and queryid of their snapshot: the last row of each was used</source>
        <translation>%1 Zeilen wiederholten Benutzer, Datenbank und queryid ihres Snapshots: jeweils die letzte Zeile wurde verwendet</translation>
    </message>
    <message>
        <source>%1 and %2 hold the same snapshot; give two different snapshots</source>
        <translation>%1 und %2 enthalten denselben Snapshot; geben Sie zwei verschiedene Snapshots an</translation>
    </message>
    <message>
        <source>%1 and %2 do not both name their snapshot time: %1 is taken as the earlier snapshot, in the order given</source>
        <translation>%1 und %2 nennen nicht beide ihren Snapshot-Zeitpunkt: %1 gilt als der frühere Snapshot, in der angegebenen Reihenfolge</translation>
    </message>
    <message>
        <source>%1: the sum over the rows of queryid %2 is beyond the 64-bit range</source>
        <translation>%1: die Summe über die Zeilen der queryid %2 liegt außerhalb des 64-Bit-Bereichs</translation>
    </message>
    <message>
        <source>cache_hit ← a successful SELECT (QUERY_TYPE) that read every byte from the warehouse cache (PERCENTAGE_SCANNED_FROM_CACHE = 1), or that scanned nothing (BYTES_SCANNED = 0) and was not executed (no WAREHOUSE_SIZE or EXECUTION_TIME = 0): its result was reused</source>
        <translation>cache_hit ← ein erfolgreiches SELECT (QUERY_TYPE), das jedes Byte aus dem Warehouse-Cache las (PERCENTAGE_SCANNED_FROM_CACHE = 1) oder nichts las (BYTES_SCANNED = 0) und nicht ausgeführt wurde (keine WAREHOUSE_SIZE oder EXECUTION_TIME = 0): sein Ergebnis wurde wiederverwendet</translation>
    </message>
    <message>
        <source>the export has no QUERY_TYPE column: every successful statement that scanned nothing is taken as a result-cache hit, though only a SELECT can be one; export QUERY_TYPE to tell them apart</source>
        <translation>der Export hat keine Spalte QUERY_TYPE: jede erfolgreiche Anweisung, die nichts las, gilt als Treffer im Ergebnis-Cache, obwohl nur ein SELECT einer sein kann; exportieren Sie QUERY_TYPE, um sie zu unterscheiden</translation>
    </message>
    <message>
        <source>%1: cannot be read twice to name its content</source>
        <translation>%1: kann nicht ein zweites Mal gelesen werden, um seinen Inhalt zu benennen</translation>
    </message>
    <message>
        <source>%1: a snapshot time names a pg_stat_statements dump; this file is a %2 export</source>
        <translation>%1: ein Snapshot-Zeitpunkt benennt einen pg_stat_statements-Dump; diese Datei ist ein %2-Export</translation>
    </message>
    <message>
        <source>%1: a BigQuery query result (getQueryResults or jobs.query: a schema and rows of f/v cells) holds the rows a query returned, not the metrics of jobs. Export the jobs with &apos;bq ls -j --all --format=prettyjson&apos;, &apos;bq show -j --format=prettyjson JOB_ID&apos; or a query of INFORMATION_SCHEMA.JOBS</source>
        <translation>%1: ein BigQuery-Abfrageergebnis (getQueryResults oder jobs.query: ein Schema und Zeilen aus f/v-Zellen) enthält die Zeilen, die eine Abfrage lieferte, nicht die Metriken von Jobs. Exportieren Sie die Jobs mit &apos;bq ls -j --all --format=prettyjson&apos;, &apos;bq show -j --format=prettyjson JOB_ID&apos; oder einer Abfrage von INFORMATION_SCHEMA.JOBS</translation>
    </message>
    <message>
        <source>%1:%2: expected a JSON array &apos;[&apos; or object &apos;{&apos;</source>
        <translation>%1:%2: erwartet wird ein JSON-Array &apos;[&apos; oder -Objekt &apos;{&apos;</translation>
    </message>
    <message>
        <source>%1: not valid JSON: unterminated object</source>
        <translation>%1: kein gültiges JSON: Objekt nicht abgeschlossen</translation>
    </message>
    <message>
        <source>%1: not valid JSON: expected &apos;,&apos; or &apos;}&apos; after a member</source>
        <translation>%1: kein gültiges JSON: nach einem Element wird &apos;,&apos; oder &apos;}&apos; erwartet</translation>
    </message>
    <message>
        <source>%1: not valid JSON: expected a member name in quotes</source>
        <translation>%1: kein gültiges JSON: erwartet wird ein Elementname in Anführungszeichen</translation>
    </message>
    <message>
        <source>%1: not valid JSON: unterminated string</source>
        <translation>%1: kein gültiges JSON: Zeichenkette nicht abgeschlossen</translation>
    </message>
    <message>
        <source>%1: not valid JSON: expected &apos;:&apos; after a member name</source>
        <translation>%1: kein gültiges JSON: nach einem Elementnamen wird &apos;:&apos; erwartet</translation>
    </message>
    <message>
        <source>%1: not valid JSON: a member name is not a string</source>
        <translation>%1: kein gültiges JSON: ein Elementname ist keine Zeichenkette</translation>
    </message>
    <message>
        <source>%1: not valid JSON: %2</source>
        <translation>%1: kein gültiges JSON: %2</translation>
    </message>
    <message>
        <source>text after the end of the JSON document</source>
        <translation>Text nach dem Ende des JSON-Dokuments</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed: %3</source>
        <translation>Migration %1 (%2) fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>Cannot rebuild table %1</source>
        <translation>Tabelle %1 kann nicht neu aufgebaut werden</translation>
    </message>
    <message>
        <source>Cannot rebuild table %1: %2</source>
        <translation>Tabelle %1 kann nicht neu aufgebaut werden: %2</translation>
    </message>
    <message>
        <source>no such table</source>
        <translation>die Tabelle gibt es nicht</translation>
    </message>
    <message>
        <source>column %1 is declared %2 times</source>
        <translation>Spalte %1 ist %2-mal deklariert</translation>
    </message>
    <message>
        <source>its CREATE statement was not understood</source>
        <translation>ihre CREATE-Anweisung ist unverständlich</translation>
    </message>
    <message>
        <source>%1 rows before, %2 after</source>
        <translation>%1 Zeilen vorher, %2 nachher</translation>
    </message>
    <message>
        <source>Cannot check the foreign keys</source>
        <translation>Die Fremdschlüssel können nicht geprüft werden</translation>
    </message>
    <message>
        <source>A row of table %1 refers to a missing row of table %2</source>
        <translation>Eine Zeile der Tabelle %1 verweist auf eine fehlende Zeile der Tabelle %2</translation>
    </message>
    <message>
        <source>No after job given for recommendation %1</source>
        <translation>Kein Nachher-Job für Empfehlung %1 angegeben</translation>
    </message>
    <message>
        <source>Job %1 is a before run of recommendation %2; a job can be on one side only</source>
        <translation>Job %1 ist ein Vorher-Lauf von Empfehlung %2; ein Job kann nur auf einer Seite stehen</translation>
    </message>
    <message>
        <source>Job %1 has no started_at: --similar gathers the runs before and after the time the after job started, so it needs one</source>
        <translation>Job %1 hat kein started_at: --similar sammelt die Läufe vor und nach dem Start des Nachher-Jobs und braucht daher eines</translation>
    </message>
    <message>
        <source>The before job %1 has no query_hash: no other runs of it were gathered</source>
        <translation>Der Vorher-Job %1 hat keinen query_hash: Es wurden keine weiteren Läufe von ihm gesammelt</translation>
    </message>
    <message>
        <source>The after job %1 has no query_hash: no other runs of it were gathered</source>
        <translation>Der Nachher-Job %1 hat keinen query_hash: Es wurden keine weiteren Läufe von ihm gesammelt</translation>
    </message>
    <message>
        <source>Every before run took 0 ms, so no duration improvement can be computed and the expectation cannot be judged</source>
        <translation>Jeder Vorher-Lauf dauerte 0 ms, daher lässt sich keine Laufzeitverbesserung berechnen und die Erwartung nicht beurteilen</translation>
    </message>
    <message>
        <source>Recommendation %1 has no completed measurement to refresh</source>
        <translation>Empfehlung %1 hat keine abgeschlossene Messung zum Aktualisieren</translation>
    </message>
    <message>
        <source>The measurement of recommendation %1 was not recorded with --similar: it has no gathered runs to refresh</source>
        <translation>Die Messung von Empfehlung %1 wurde nicht mit --similar erfasst: Sie hat keine gesammelten Läufe zum Aktualisieren</translation>
    </message>
    <message>
        <source>Measurement %1 (recommendation %2): %3</source>
        <translation>Messung %1 (Empfehlung %2): %3</translation>
    </message>
    <message>
        <source>Cannot save the runs of measurement %1</source>
        <translation>Die Läufe von Messung %1 lassen sich nicht speichern</translation>
    </message>
    <message>
        <source>Cannot read the runs of measurement %1</source>
        <translation>Die Läufe von Messung %1 lassen sich nicht lesen</translation>
    </message>
    <message>
        <source>Cannot read the other runs of query %1</source>
        <translation>Die weiteren Läufe von Abfrage %1 lassen sich nicht lesen</translation>
    </message>
    <message>
        <source>Measurement %1 was completed by %2 at %3</source>
        <translation>Messung %1 wurde von %2 um %3 abgeschlossen</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>jemandem</translation>
    </message>
    <message>
        <source>Measurement %1 was reopened by another program meanwhile; nothing was written</source>
        <translation>Messung %1 wurde inzwischen von einem anderen Programm wieder geöffnet; nichts wurde geschrieben</translation>
    </message>
    <message>
        <source>Cannot read measurements</source>
        <translation>Messungen können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot listen for changes</source>
        <translation>Änderungen können nicht beobachtet werden</translation>
    </message>
    <message>
        <source>Cannot announce the change</source>
        <translation>Die Änderung kann nicht gemeldet werden</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>Keine Verbindung zu %1: %2</translation>
    </message>
    <message>
        <source>The server does not answer</source>
        <translation>Der Server antwortet nicht</translation>
    </message>
    <message>
        <source>Cannot read the candidates for the after job</source>
        <translation>Die Kandidaten für den Nachher-Job können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot compute the calibration of the estimates</source>
        <translation>Die Kalibrierung der Schätzungen kann nicht berechnet werden</translation>
    </message>
    <message>
        <source>Cannot count the runs of the measured queries</source>
        <translation>Die Läufe der gemessenen Abfragen können nicht gezählt werden</translation>
    </message>
    <message>
        <source>Cannot count the runs of query %1</source>
        <translation>Die Läufe der Abfrage %1 können nicht gezählt werden</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source> points</source>
        <translation> Prozentpunkte</translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Letzter %n Tag</numerusform>
            <numerusform>Letzte %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>&amp;Tolerance:</source>
        <translation>&amp;Toleranz:</translation>
    </message>
    <message>
        <source>&quot;&amp;Exceeded&quot; margin:</source>
        <translation>&amp;Schwelle für „Übertroffen“:</translation>
    </message>
    <message>
        <source>&amp;Success target:</source>
        <translation>&amp;Erfolgsziel:</translation>
    </message>
    <message>
        <source>Default &amp;window:</source>
        <translation>Standard-&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>An estimate is met when the actual improvement is at least the estimate minus this many percentage points, and not a regression. Changing it offers to judge the recorded measurements again.</source>
        <translation>Eine Schätzung gilt als erfüllt, wenn die tatsächliche Verbesserung mindestens die Schätzung minus so viele Prozentpunkte beträgt und keine Regression ist. Eine Änderung bietet an, die erfassten Messungen neu zu beurteilen.</translation>
    </message>
    <message>
        <source>The one used last</source>
        <translation>Der zuletzt verwendete</translation>
    </message>
    <message numerus="yes">
        <source> day(s)</source>
        <translation>
            <numerusform> Tag</numerusform>
            <numerusform> Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Similar runs &amp;within:</source>
        <translation>Ähnliche Läufe &amp;innerhalb:</translation>
    </message>
    <message>
        <source>An after job recorded with its other runs compares the runs of the same queries this many days before and after it.</source>
        <translation>Ein mit seinen weiteren Läufen erfasster Nachher-Job vergleicht die Läufe derselben Abfragen so viele Tage davor und danach.</translation>
    </message>
</context>
<context>
    <name>SuccessChart</name>
    <message>
        <source>On target</source>
        <translation>Ziel erreicht</translation>
    </message>
    <message>
        <source>Below target</source>
        <translation>Unter dem Ziel</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>All issue types</source>
        <translation>Alle Problemtypen</translation>
    </message>
    <message>
        <source>Target %1 %</source>
        <translation>Ziel %1 %</translation>
    </message>
    <message>
        <source>Met their estimate, % of completed</source>
        <translation>Schätzung erfüllt, % der abgeschlossenen</translation>
    </message>
    <message>
        <source>Success rate — %1 of %2 met</source>
        <translation>Erfolgsquote — %1 von %2 erfüllt</translation>
    </message>
    <message>
        <source>%1 of %2 completed met their estimate</source>
        <translation>%1 von %2 abgeschlossenen haben ihre Schätzung erfüllt</translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <source>Measurements</source>
        <translation>Messungen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Average improvement</source>
        <translation>Durchschnittliche Verbesserung</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>Time saved</source>
        <translation>Eingesparte Zeit</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Met the estimate</source>
        <translation>Schätzung erfüllt</translation>
    </message>
    <message>
        <source>of them exceeded it</source>
        <translation>davon übertroffen</translation>
    </message>
    <message>
        <source>Below estimate</source>
        <translation>Unter der Schätzung</translation>
    </message>
    <message>
        <source>Regressions</source>
        <translation>Regressionen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Completed measurements whose runs prove a real improvement (verdict &quot;improved&quot;), of all measurements completed in the window. A single run before and after proves nothing: durations vary from run to run by 10–50 %.</source>
        <translation>Abgeschlossene Messungen, deren Läufe eine echte Verbesserung beweisen (Urteil „verbessert“), von allen im Zeitraum abgeschlossenen Messungen. Ein einzelner Lauf vorher und nachher beweist nichts: Laufzeiten schwanken von Lauf zu Lauf um 10–50 %.</translation>
    </message>
    <message>
        <source>Faster for real: the runs after the change are faster than those before by more than the noise between runs. The whole 95 % interval of the improvement is above 0.</source>
        <translation>Wirklich schneller: Die Läufe nach der Änderung sind um mehr als das Rauschen zwischen Läufen schneller als die davor. Das ganze 95-%-Intervall der Verbesserung liegt über 0.</translation>
    </message>
    <message>
        <source>No proven difference: the 95 % interval of the improvement includes 0, so what changed is within the noise between runs.</source>
        <translation>Kein nachgewiesener Unterschied: Das 95-%-Intervall der Verbesserung schließt 0 ein, die Änderung liegt also im Rauschen zwischen Läufen.</translation>
    </message>
    <message>
        <source>Slower for real: the runs after the change are slower than those before by more than the noise between runs. The whole 95 % interval of the improvement is below 0.</source>
        <translation>Wirklich langsamer: Die Läufe nach der Änderung sind um mehr als das Rauschen zwischen Läufen langsamer als die davor. Das ganze 95-%-Intervall der Verbesserung liegt unter 0.</translation>
    </message>
    <message>
        <source>Too few runs to tell: with so few runs before and after (one each, for instance), no result could be told apart from noise. Record the after job with the other runs of the same query (--similar) to get a verdict.</source>
        <translation>Zu wenige Läufe für eine Aussage: Mit so wenigen Läufen vorher und nachher (etwa je einem) ließe sich kein Ergebnis vom Rauschen unterscheiden. Erfassen Sie den Nachher-Job mit den weiteren Läufen derselben Abfrage (--similar), um ein Urteil zu erhalten.</translation>
    </message>
    <message>
        <source>Proven improvements</source>
        <translation>Nachgewiesene Verbesserungen</translation>
    </message>
    <message>
        <source>Verdict: improved</source>
        <translation>Urteil: verbessert</translation>
    </message>
    <message>
        <source>Verdict: no change</source>
        <translation>Urteil: unverändert</translation>
    </message>
    <message>
        <source>Verdict: regressed</source>
        <translation>Urteil: verschlechtert</translation>
    </message>
    <message>
        <source>Verdict: insufficient runs</source>
        <translation>Urteil: zu wenige Läufe</translation>
    </message>
    <message>
        <source>The query time the optimizations save in a month if each query keeps running as often as it did in the 30 days before its measurement: (duration before − duration after) × runs per day of the query × 30, summed over the completed measurements in the window (regressions subtract).
Exactly %1 h.</source>
        <translation>Die Abfragezeit, die die Optimierungen in einem Monat einsparen, wenn jede Abfrage so oft läuft wie in den 30 Tagen vor ihrer Messung: (Dauer vorher − Dauer nachher) × Läufe pro Tag der Abfrage × 30, summiert über die abgeschlossenen Messungen im Zeitraum (Regressionen zählen negativ).
Genau %1 h.</translation>
    </message>
    <message>
        <source>Projected hours saved / month</source>
        <translation>Hochgerechnet eingesparte Stunden / Monat</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Open database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <source>%1

The default database opens instead.</source>
        <translation>%1

Stattdessen wird die Standard-Datenbank geöffnet.</translation>
    </message>
</context>
</TS>
