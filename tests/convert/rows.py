"""Rows written to the sources' column specifications, for tests (no shared data copied)."""

from __future__ import annotations

from cameo_events.convert.gdelt_layout import LAYOUTS
from cameo_events.convert.phoenix import COLUMNS as PHOENIX_COLUMNS


def gdelt_row(n_fields: int = 61, **values: str) -> str:
    """A GDELT events row of the given layout: a consistent event unless ``values`` say otherwise."""
    layout = LAYOUTS[n_fields]
    row = {
        "GLOBALEVENTID": "1",
        "SQLDATE": "20150218",
        "MonthYear": "201502",
        "Year": "2015",
        "FractionDate": "2015.1315",
        "Actor1Code": "RUSGOV",
        "Actor1Name": "RUSSIA",
        "Actor1CountryCode": "RUS",
        "Actor1Type1Code": "GOV",
        "Actor2Code": "USA",
        "Actor2Name": "UNITED STATES",
        "Actor2CountryCode": "USA",
        "IsRootEvent": "1",
        "EventCode": "036",
        "EventBaseCode": "036",
        "EventRootCode": "03",
        "QuadClass": "1",
        "GoldsteinScale": "4.0",
        "NumMentions": "1",
        "NumSources": "1",
        "NumArticles": "1",
        "AvgTone": "0",
        "ActionGeo_Type": "1",
        "ActionGeo_FullName": "Ukraine",
        "ActionGeo_CountryCode": "UP",
        "ActionGeo_ADM1Code": "UP",
        "ActionGeo_Lat": "49",
        "ActionGeo_Long": "32",
        "DATEADDED": "20150218230000" if n_fields == 61 else "20150218",
        "SOURCEURL": "http://example.org/news/1",
    }
    row.update(values)
    return "\t".join(row.get(name, "") for name in layout.columns)


def mention_row(**values: str) -> str:
    """A GDELT 2.0 mentions row."""
    row = {
        "GLOBALEVENTID": "1",
        "EventTimeDate": "20150218230000",
        "MentionTimeDate": "20150218231500",
        "MentionType": "1",
        "MentionSourceName": "example.net",
        "MentionIdentifier": "http://example.net/story",
        "SentenceID": "3",
        "Actor1CharOffset": "10",
        "Actor2CharOffset": "-1",
        "ActionCharOffset": "20",
        "InRawText": "1",
        "Confidence": "80",
        "MentionDocLen": "2000",
        "MentionDocTone": "0",
    }
    row.update(values)
    return "\t".join(row.get(name, "") for name in LAYOUTS[16].columns)


def phoenix_row(**values: str) -> str:
    """A row of the phoenix_pipeline's 26 columns."""
    row = {
        "id_version": "5b1f0c_1",
        "date": "20180601",
        "year": "2018",
        "month": "6",
        "day": "1",
        "source": "RUSGOV",
        "src_root": "RUS",
        "src_agent": "GOV",
        "target": "UKR",
        "tgt_root": "UKR",
        "code": "010",
        "root_code": "01",
        "quad_class": "0",
        "goldstein": "0.0",
        "lat": "50.45",
        "lon": "30.52",
        "placeName": "Kyiv",
        "countryName": "Ukraine",
        "ids": "abc123",
        "urls": "http://example.org/phoenix/1",
        "sources": "example_source",
    }
    row.update(values)
    return "\t".join(row.get(name, "") for name in PHOENIX_COLUMNS)
