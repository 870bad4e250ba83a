package devgen

import "github.com/tierdesk/tierdesk/helpdesk"

// topic is one kind of problem: how users word it, how agents answer it,
// and the articles written about it. Placeholders in braces are filled per
// ticket (see gen.slots).
type topic struct {
	name, queue, category string
	subjects, reports     []string
	answers, articles     []string
}

// The agents, by the tier they work at: about forty in all, alex (Me)
// among the L1 desk.
var agentsByTier = map[helpdesk.Tier][]string{
	helpdesk.L1: {Me, "sam.okafor", "lena.berg", "tom.weiss", "priya.nair", "jonas.keller", "mia.rossi", "omar.haddad",
		"eva.novak", "lucas.martin", "nina.fischer", "ravi.iyer", "sofia.lopez", "ben.carter", "hana.sato", "ivan.petrov",
		"clara.dubois", "noah.jensen", "amira.saleh", "leo.costa", "julia.walsh", "max.horvat", "zoe.murphy", "felix.moreau"},
	helpdesk.L2: {"maria.garcia", "daniel.schmidt", "aisha.khan", "peter.nielsen", "chen.wei", "laura.silva", "marco.bianchi",
		"anna.kowalski", "erik.lund", "fatima.ali", "george.evans"},
	helpdesk.L3: {"kim.park", "oscar.berg", "ingrid.holm", "victor.reyes", "yuki.tanaka"},
}

var (
	firstNames = []string{"anna", "ben", "carla", "david", "elena", "farid", "grace", "hugo", "ines", "jakub", "kira", "liam",
		"maya", "nils", "olga", "pedro", "quinn", "rosa", "sami", "tara", "umar", "vera", "wei", "yusuf", "zoe", "adam",
		"bianca", "cyril", "dana", "emil", "freya", "gustav", "helen", "igor", "jana", "karl", "lucia", "marek", "nora", "otto"}
	lastNames = []string{"novak", "schmidt", "garcia", "rossi", "dubois", "kowalski", "silva", "jensen", "murphy", "horvat",
		"nielsen", "costa", "weber", "moreau", "fischer", "lopez", "berg", "walsh", "ivanova", "sato", "meyer", "kaya",
		"lindqvist", "oconnor", "petit", "rahman", "santos", "tanaka", "varga", "wagner", "young", "zielinski"}
	apps = []string{"Zoom", "Slack", "Microsoft Teams", "Google Chrome", "Firefox", "Adobe Acrobat", "Visual Studio Code",
		"Python", "Git", "Docker Desktop", "Excel", "Outlook", "OneDrive", "Dropbox", "Webex", "Citrix Workspace", "Tableau",
		"Power BI", "AutoCAD", "Photoshop", "Snagit", "KeePass", "FileZilla", "Wireshark", "SPSS", "Visio", "Miro"}
	systems = []string{"SAP", "Salesforce", "Jira", "Confluence", "Workday", "ServiceNow", "GitLab", "the AWS console",
		"the Azure portal", "the HR portal", "the finance share", "Concur", "DocuSign", "Snowflake", "the Okta dashboard", "Figma"}
	printers = []string{"HP LaserJet M404", "Canon imageRUNNER C3226", "Brother HL-L2350", "Xerox VersaLink C405",
		"Ricoh IM C3000", "Kyocera ECOSYS M2540", "Lexmark MX521"}
	sites  = []string{"Berlin", "Leeds", "Lyon", "Austin", "Pune", "Dublin", "Warsaw", "Lisbon", "Prague", "Oslo"}
	things = []string{"password", "MFA methods", "VPN profile", "Outlook profile", "OneDrive client", "print queue", "Teams cache",
		"network adapter", "display driver", "BitLocker PIN", "mailbox permissions", "licence", "certificate", "dock firmware"}
	whens     = []string{"this morning", "since yesterday", "after the update", "since Monday", "after lunch", "every few minutes", "since I moved desks"}
	syllables = []string{"ka", "lo", "mi", "tra", "ven", "sul", "dor", "pex", "qua", "rin", "zel", "bo", "nix", "ter", "gal", "fus", "wim", "ost"}
)

var topics = []topic{
	{name: "vpn", queue: "Network", category: "Network",
		subjects: []string{"VPN disconnects every few minutes", "Cannot connect to the VPN from {site}", "VPN error {err}", "VPN very slow {when}"},
		reports: []string{"Hi, the VPN drops {when} on my laptop {host}. I get error {err} and have to reconnect.",
			"I cannot connect to the VPN from home. The client says the certificate is invalid.",
			"Working from the {site} office, the VPN connects but nothing loads."},
		answers: []string{"I renewed your VPN profile; please restart the client.", "Your certificate had expired; a new one was pushed to {host}.",
			"Please switch to the CORP-SECURE network and try again."},
		articles: []string{"Fix VPN disconnects on {app}", "VPN error {err}: what it means", "Connect to the VPN from {site}"}},
	{name: "printer", queue: "Service Desk", category: "Printing",
		subjects: []string{"Printer on floor {floor} jammed", "{printer} shows error {err}", "Cannot print to {printer}", "Print queue stuck"},
		reports: []string{"The {printer} on floor {floor} is jammed again and shows a paper error.",
			"My print jobs stay in the queue {when}; the printer is {printer}.",
			"Scanning to email does not work on the {printer}."},
		answers: []string{"I cleared the print queue on the server; please resend.", "The toner was replaced and the jam removed.",
			"The driver for the {printer} was updated to {version}."},
		articles: []string{"Install the driver for the {printer}", "Clear a stuck print queue", "{printer} error codes"}},
	{name: "account", queue: "Service Desk", category: "Accounts",
		subjects: []string{"Account locked", "Password expired while travelling", "MFA not working after phone change", "Need access to {system}"},
		reports: []string{"My account is locked {when} and I cannot sign in to {system}.",
			"I lost my phone with the authenticator app and cannot sign in.",
			"Please grant me access to {system}; my manager approved it."},
		answers: []string{"Your account is unlocked; please reset your password at the portal.", "I reset your MFA methods; register the new phone at next sign-in.",
			"Access to {system} was granted; it can take an hour to apply."},
		articles: []string{"Reset your password", "Register a new phone for MFA", "Request access to {system}"}},
	{name: "laptop", queue: "Hardware", category: "Hardware",
		subjects: []string{"Laptop very slow", "Blue screen after update", "Battery drains in two hours", "Docking station does not charge"},
		reports: []string{"My laptop {host} has been very slow {when}; the fan runs all the time.",
			"I get a blue screen with code {err} after the update.",
			"The dock on my desk on floor {floor} does not charge the laptop any more."},
		answers: []string{"I updated the {thing}; please restart and tell me if it is better.", "A replacement laptop is ready at reception in {site}.",
			"The disk was almost full; I cleared {n} GB of temporary files."},
		articles: []string{"Speed up a slow laptop", "Blue screen {err} after an update", "Docking station firmware {version}"}},
	{name: "email", queue: "Collaboration", category: "Email",
		subjects: []string{"Outlook says disconnected", "Mailbox full", "Cannot open shared mailbox", "Emails stuck in outbox"},
		reports: []string{"Outlook shows disconnected {when} and no new mail arrives.",
			"My mailbox is full and I cannot send anything; it says {n} GB.",
			"I need access to the shared mailbox of the {site} team."},
		answers: []string{"I rebuilt your Outlook profile; it is syncing now.", "Archiving is enabled; the mailbox will shrink overnight.",
			"You now have full access to the shared mailbox."},
		articles: []string{"Rebuild an Outlook profile", "Enable mailbox archiving", "Open a shared mailbox in Outlook"}},
	{name: "software", queue: "Software", category: "Software",
		subjects: []string{"Install {app}", "{app} crashes on start", "{app} licence expired", "Update {app} to {version}"},
		reports: []string{"Please install {app} on {host}; I need it for a project.",
			"{app} crashes on start {when} with error {err}.",
			"{app} says my licence expired."},
		answers: []string{"{app} is available in the Software Center; click Install.", "I reinstalled {app} remotely; it opens now.",
			"The licence was reassigned; sign out of {app} and back in."},
		articles: []string{"Install {app} from the Software Center", "{app} crashes or will not start", "Update {app}"}},
	{name: "storage", queue: "Collaboration", category: "Storage",
		subjects: []string{"OneDrive shows red crosses", "Cannot find files on the shared drive", "Restore a deleted folder", "Shared drive full"},
		reports: []string{"OneDrive shows a red cross on many files {when}.",
			"The project folder on the shared drive disappeared; it had {n} files.",
			"I deleted a folder by mistake; can you restore it from yesterday?"},
		answers: []string{"I restored the folder from last night's snapshot.", "Your OneDrive client was reset and is syncing again.",
			"The quota of the share was raised by {n} GB."},
		articles: []string{"Fix OneDrive sync errors", "Restore a file from a snapshot", "Request more space on a shared drive"}},
	{name: "wifi", queue: "Network", category: "Network",
		subjects: []string{"Wi-Fi drops in meeting room", "No network on floor {floor}", "Guest Wi-Fi for visitor", "Slow network in {site}"},
		reports: []string{"The Wi-Fi in the meeting room on floor {floor} keeps dropping {when}.",
			"There is no network at the desks on floor {floor} in {site}.",
			"A visitor needs guest Wi-Fi for two days."},
		answers: []string{"The access point on floor {floor} was restarted.", "A guest account was created; details sent by SMS.",
			"The switch port was faulty and has been moved."},
		articles: []string{"Connect to the guest Wi-Fi", "Wi-Fi troubleshooting in {site}", "Report a network outage"}},
	{name: "meetings", queue: "Collaboration", category: "Collaboration",
		subjects: []string{"No sound in Teams meetings", "Webcam black in {app}", "Meeting room screen not working", "Headset microphone not working"},
		reports: []string{"Nobody hears me in {app} meetings {when}; the headset works elsewhere.",
			"The webcam picture is black in {app}.",
			"The screen in the meeting room on floor {floor} shows no signal."},
		answers: []string{"I cleared the {thing}; please rejoin the meeting.", "The room's HDMI adapter was replaced.",
			"Select the headset as the default device in {app} settings."},
		articles: []string{"Audio problems in {app}", "Use the meeting room screens", "Choose a camera in {app}"}},
}

var (
	followUps = []string{"It worked yesterday before the update.", "I already restarted the computer but it still does not work.",
		"This is urgent because I have a customer meeting {when}.", "My colleague has the same problem.", "Thanks for the quick help!",
		"It happens both in the office and at home.", "I am working from the {site} office this week.", "Any update on this?",
		"The error code is {err}.", "It works again, thank you.", "Still broken, sorry.", "I tried that, no change."}
	askMore = []string{"Could you send a screenshot of the error?", "Which version of {app} do you have?",
		"Does it happen on another computer too?", "When did it start exactly?", "Can I connect remotely to {host}?"}
	notes = []string{"Checked the logs on {host}: authentication failures from an old device.", "Escalating: looks like a problem with the {thing}.",
		"Known issue with version {version}; workaround in {kb}.", "Called the user, no answer. Will try again after lunch.",
		"Remote session to {host}: disk at 98%, cleared temp files.", "Same problem reported by {n} users on floor {floor}.",
		"Waiting for the vendor; case opened with reference {err}.", "Hand-off: reproduced on two machines, needs {system} admin rights."}
	articleSentences = []string{
		"Open {app} and go to the settings page.", "Make sure you are connected to the company network or the VPN.",
		"The change applies after you sign out and sign in again.", "If the option is missing, your role does not include it: request access to {system}.",
		"Large exports can take several minutes.", "Version {version} changed the menu layout.",
		"Contact the service desk if an error code such as {err} appears.", "Restart the computer before you try again.",
		"Printers such as the {printer} are installed automatically from the print server.", "Offices in {site} follow the same steps.",
		"Keep a copy of your work in OneDrive before you reinstall anything.", "Your {thing} can be reset in the self-service portal.",
		"Symptoms: the {topic} problem appears {when} and affects only some users.", "Cause: an outdated {thing} on the device.",
		"Resolution: update the {thing} and restart.", "See also {kb} for the related procedure.",
		"Technicians can check the device {host} remotely with the support tool.", "Escalate to L2 if the steps above do not help.",
	}
)
