# language: de
Funktionalität: Amazon API-Schlüssel hinzufügen oder überprüfen, von Anfang bis Ende
  Der ganze dokumentierte Ablauf in der Sprache der Dokumentation: Anmeldung im Admin,
  die Aufforderung, "Sign in" in einer neuen Registerkarte, "Add New" und "Copy" im
  API Portal, "Add the key", Einfügen, "Save Config" und die erneute Prüfung beim
  nächsten Zugriff. Die Schritte laufen auf denselben Implementierungen wie die englischen.

  @end-to-end @clipboard @doc-step-1 @doc-step-2 @doc-step-3 @doc-step-4 @doc-step-5 @doc-step-6 @doc-step-7 @doc-step-8 @doc-step-9 @doc-rule
  Szenario: Amazon API-Schlüssel hinzufügen und überprüfen, wie es die Dokumentation beschreibt
    Angenommen in der Store-Konfiguration ist kein Amazon API-Schlüssel gespeichert
    Und die Anmeldeseite des Commerce Admin ist geöffnet
    Wenn ich mich mit dem Admin-Benutzernamen und dem Kennwort anmelde
    Dann wird das Dashboard des Commerce Admin angezeigt
    Wenn ich zu Marketing > Channels > Amazon Sales Channel gehe
    Dann wird die Aufforderung "Welcome to Amazon Sales Channel" angezeigt
    Wenn ich in der Aufforderung auf "Sign in" klicke
    Dann öffnet sich das Commerce-Konto in einer neuen Registerkarte
    Und fragt die neue Registerkarte nach E-Mail und Kennwort meines Commerce-Kontos
    Wenn ich mich in der neuen Registerkarte bei meinem Commerce-Konto anmelde
    Dann zeigt die neue Registerkarte den Abschnitt API Portal von My Account
    Wenn ich einen neuen API-Schlüssel mit der Beschreibung "Amazon Sales Channel" hinzufüge
    Dann listet das API Portal einen neuen Schlüssel mit dem Namen "Amazon Sales Channel"
    Wenn ich den Schlüssel "Amazon Sales Channel" kopiere
    Dann enthält die Zwischenablage genau den Schlüssel, der unter "Amazon Sales Channel" gelistet ist
    Wenn ich zur Registerkarte Amazon Sales Channel zurückkehre
    Dann bietet die Aufforderung "Sign in" und "Add the key" an
    Wenn ich auf "Add the key" klicke
    Dann ist der Abschnitt Magento Services bei der Gruppe "Api Keys" geöffnet
    Und ist "Production Api key" leer, da kein Schlüssel gespeichert ist
    Wenn ich den kopierten Schlüssel in "Production Api key" einfüge
    Dann enthält "Production Api key" genau den im API Portal gelisteten Schlüssel
    Wenn ich auf "Save Config" klicke
    Dann wird die Meldung "You saved the configuration." angezeigt
    Wenn ich zu Marketing > Channels > Amazon Sales Channel gehe
    Dann wird keine Aufforderung angezeigt
    Und der Kanal geht mit "Add Amazon Store" zur Store-Integration weiter
