"""The naive reference, the tutorial way: folium.Choropleth over the full-resolution GeoJSON, st_folium.

Built by bench/run.py only, to measure this app against it on the same data and machine. Deliberately
plain: no simplification, no caching, no returned_objects, a period and a district filter in the sidebar.
"""

import os
import sqlite3

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

DB = os.environ["GEO_DB_URL"].removeprefix("sqlite:///")
COMMUNES = os.environ.get("NAIVE_COMMUNES", "data/communes.geojson")

gdf = gpd.read_file(COMMUNES)
with sqlite3.connect(DB) as conn:
    periods = [r[0] for r in conn.execute("SELECT DISTINCT period FROM records WHERE is_current ORDER BY period")]
period = st.sidebar.selectbox("Period", periods, index=len(periods) - 1)
districts = sorted(gdf["district_name"].unique())
district = st.sidebar.selectbox("District", ["All", *districts])
with sqlite3.connect(DB) as conn:
    df = pd.read_sql("SELECT commune_code, healthy FROM records WHERE is_current AND period = ?", conn,
                     params=(period,))
df["healthy"] = df["healthy"].astype(float)
shown = gdf if district == "All" else gdf[gdf["district_name"] == district]
st.title("Naive map")
m = folium.Map(location=[19.9, 105.4], zoom_start=8)
folium.Choropleth(geo_data=shown.to_json(), data=df, columns=["commune_code", "healthy"],
                  key_on="feature.properties.commune_code", fill_color="RdYlGn", legend_name="Healthy").add_to(m)
st_folium(m, width=725)
